// Queues, streams and change feeds: what waits to be handled, and at which attempt (above 1: it failed and will be tried again).
import { get } from "../api.js";
import { h, show, table } from "../dom.js";
import { everySecond } from "./refresh.js";

const attempt = (n) => h("span", { class: n > 1 ? "retrying" : "" }, n > 1 ? `${n} (retrying)` : String(n));

export function waitingView(root) {
  return everySecond(async () => {
    const { messages, records, changes } = await get("waiting");
    show(
      root,
      h("h1", {}, "Queues, streams and change feeds"),
      h("h2", {}, "Queue messages"),
      messages.length
        ? table(
            [
              ["Topic", (m) => m.topic],
              ["Consumer", (m) => m.consumer],
              ["Message", (m) => h("code", {}, m.body)],
              ["Attempt", (m) => attempt(m.attempt)],
            ],
            messages,
            { "aria-label": "queue messages" },
          )
        : h("p", { class: "empty" }, "No message waits."),
      h("h2", {}, "Stream records"),
      records.length
        ? table(
            [
              ["Stream", (r) => r.stream],
              ["Partition key", (r) => r.partitionKey],
              ["Data", (r) => h("code", {}, r.data)],
              ["Attempt", (r) => attempt(r.attempt)],
            ],
            records,
            { "aria-label": "stream records" },
          )
        : h("p", { class: "empty" }, "No record waits."),
      h("h2", {}, "Change feeds"),
      changes.map((feed) =>
        h(
          "div",
          {},
          h("h3", {}, `${feed.collection} → ${feed.function}`),
          feed.waiting.length
            ? table(
                [
                  ["Change", ({ change }) => change.id],
                  ["Operation", ({ change }) => change.operation],
                  ["Key", ({ change }) => h("code", {}, JSON.stringify(change.key))],
                  ["Failed attempts", ({ failedAttempts }) => attempt(failedAttempts + 1)],
                ],
                feed.waiting,
              )
            : h("p", { class: "empty" }, "Nothing waits."),
        ),
      ),
    );
  });
}
