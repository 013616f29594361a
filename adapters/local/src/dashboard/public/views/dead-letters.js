// Dead letters: the message, the error its last attempt logged, its attempts, and a button that sends it back (a message's body corrected first, if need be).
import { get, post } from "../api.js";
import { h, pretty, show, table } from "../dom.js";
import { everySecond } from "./refresh.js";

/** The error's name and message, its stack folded away. */
function errorOf(error) {
  if (error === undefined) return "";
  if (typeof error !== "object" || error === null) return h("p", { class: "error" }, String(error));
  return [
    h("p", { class: "error" }, error.name ? `${error.name}: ${error.message}` : JSON.stringify(error)),
    error.stack ? h("details", {}, h("summary", {}, "stack"), pretty(error.stack)) : null,
  ];
}

export function deadLettersView(root) {
  const status = h("output", { class: "result", "aria-label": "replay result" });
  const list = h("div");
  // What a person typed into a message's body: kept across the view's redraws.
  const edited = new Map();
  const keyOf = (letter) => `${letter.at} ${letter.message.id}`;
  show(root, h("h1", {}, "Dead letters"), status, list);
  const bodyOf = (letter) => {
    const editable = !letter.topic.includes(":");
    const value = edited.get(keyOf(letter)) ?? letter.message.body;
    if (!editable) return h("code", {}, value);
    return h("textarea", { rows: 3, "aria-label": `body of ${letter.message.id}`, value, oninput: (event) => edited.set(keyOf(letter), event.target.value) });
  };
  const draw = async () => {
    const letters = await get("dead-letters");
    if (letters.length === 0) return show(list, h("p", { class: "empty" }, "No dead letters."));
    // A redraw would take the cursor away from a body being corrected.
    if (list.contains(document.activeElement) && document.activeElement.tagName === "TEXTAREA") return;
    show(
      list,
      table(
        [
          ["At", (l) => new Date(l.at).toLocaleTimeString()],
          ["Source", (l) => l.topic],
          ["Reason", (l) => l.reason],
          ["Attempts", (l) => String(l.message.attempt)],
          ["Message", bodyOf],
          ["Error", (l) => errorOf(l.error)],
          ["", (l) => h("button", { onclick: () => replay(l), "aria-label": `Replay ${l.message.id}` }, "Replay")],
        ],
        letters,
        { "aria-label": "dead letters" },
      ),
    );
  };
  const replay = async (letter) => {
    const body = edited.get(keyOf(letter));
    try {
      const answer = await post(`dead-letters/${letter.index}/replay`, { id: letter.message.id, body: body === letter.message.body ? undefined : body });
      edited.delete(keyOf(letter));
      show(status, h("p", {}, `Sent back ${letter.message.id}:`), pretty(answer));
    } catch (error) {
      show(status, h("p", { class: "problem", role: "alert" }, error.message));
    }
    await draw();
  };
  return everySecond(draw);
}
