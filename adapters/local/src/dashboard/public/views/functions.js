// Functions: each with its trigger, and a form that fires it as its trigger would; the answer shown beside it.
import { get, post } from "../api.js";
import { h, pretty, show } from "../dom.js";

const describe = {
  http: (t) => t.routes.map((r) => `${r.method} ${r.path}`).join("\n") || "every route",
  queue: (t) => `topic ${t.topic} (${t.types.join(", ")})`,
  schedule: (t, fn) => `${t.schedule}, next run ${new Date(fn.nextRun).toLocaleString()}`,
  stream: (t) => `stream ${t.stream}`,
  changes: (t) => `changes of ${t.collection} (a change handed here is not written to the store)`,
  object: (t) => `bucket ${t.bucket}, prefix ${t.prefix}`,
};

export async function functionsView(root) {
  const app = await get("app");
  show(
    root,
    h("h1", {}, "Functions"),
    app.functions.map((fn) =>
      h(
        "article",
        { class: "function", "data-function": fn.name, "aria-label": fn.name },
        h("h2", {}, fn.name, " ", h("span", { class: `kind ${fn.kind}` }, fn.kind)),
        h("p", { class: "trigger" }, (describe[fn.kind] ?? (() => ""))(fn.trigger, fn)),
        fireForm(fn),
      ),
    ),
  );
}

/** Fields, and how they become the fire request's body. */
const forms = {
  http: (fn) => [
    [
      field("Method", h("select", { name: "method" }, ["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => h("option", {}, m)))),
      field("Path", h("input", { name: "path", value: fn.trigger.routes[0]?.path.replace(/\{[^}]+\}/g, "") ?? "/" })),
      field("Body (JSON)", h("textarea", { name: "body", rows: 4 })),
    ],
    (form) => ({ method: form.method.value, path: form.path.value, body: parseOr(form.body.value) }),
    "Send",
  ],
  queue: (fn) => [
    [field("Event (JSON)", h("textarea", { name: "event", rows: 3, value: JSON.stringify({ type: fn.trigger.types[0] }) }))],
    (form) => ({ event: parseOr(form.event.value) }),
    "Publish",
  ],
  stream: () => [
    [
      field("Partition key", h("input", { name: "partitionKey" })),
      field("Record data (JSON)", h("textarea", { name: "data", rows: 3 })),
    ],
    (form) => ({ records: [{ partitionKey: form.partitionKey.value, data: parseOr(form.data.value) }] }),
    "Put record",
  ],
  object: () => [
    [field("File name", h("input", { name: "name", value: "upload.csv" })), field("Content", h("textarea", { name: "content", rows: 4 }))],
    (form) => ({ name: form.name.value, content: form.content.value }),
    "Drop file",
  ],
  schedule: () => [[], () => ({}), "Run now"],
  changes: () => [
    [
      field("Operation", h("select", { name: "operation" }, ["update", "insert", "delete"].map((o) => h("option", {}, o)))),
      field("Key", h("input", { name: "key" })),
      field("Document (JSON)", h("textarea", { name: "document", rows: 3 })),
    ],
    (form) => ({ operation: form.operation.value, key: form.key.value, document: parseOr(form.document.value) }),
    "Hand change",
  ],
};

function fireForm(fn) {
  const make = forms[fn.kind];
  if (!make) return h("p", { class: "note" }, "Not fired from here.");
  const [fields, body, label] = make(fn);
  const result = h("output", { class: "result", "aria-label": `${fn.name} result` });
  const submit = async (event) => {
    event.preventDefault();
    show(result, h("em", {}, "…"));
    try {
      show(result, pretty(await post(`functions/${encodeURIComponent(fn.name)}/fire`, body(event.target))));
    } catch (error) {
      show(result, h("p", { class: "problem", role: "alert" }, error.message));
    }
  };
  return h("form", { onsubmit: submit }, fields, h("button", { type: "submit" }, label), result);
}

function field(label, control) {
  // Named by its label alone (a select's label would also read its chosen option).
  control.setAttribute("aria-label", label);
  return h("label", {}, h("span", {}, label), control);
}

/** JSON when it parses, the text itself otherwise (the server names what is wrong with it). */
function parseOr(text) {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
