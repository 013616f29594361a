// Logs: the app's lines live, filtered by level and function; a trace id opens one request's timeline.
import { get } from "../api.js";
import { h, pretty, show } from "../dom.js";
import { lines, onLine } from "../log-feed.js";

const LEVELS = ["debug", "info", "warn", "error"];
/** Fields every line has, shown in their own columns rather than among the rest. */
const SHOWN = new Set(["seq", "level", "message", "time", "function", "traceId", "spanId", "cloud"]);

export async function logsView(root) {
  const app = await get("app");
  const level = h("select", { name: "level", "aria-label": "Level" }, LEVELS.map((l) => h("option", {}, l)));
  const fn = h("select", { name: "function", "aria-label": "Function" }, h("option", { value: "" }, "every function"), app.functions.map((f) => h("option", {}, f.name)));
  const list = h("ol", { class: "log", "aria-label": "log lines" });
  const keep = (line) => LEVELS.indexOf(line.level) >= LEVELS.indexOf(level.value) && (!fn.value || line.function === fn.value);
  const redraw = () => show(list, lines.filter(keep).slice(-500).map(logLine));
  level.addEventListener("change", redraw);
  fn.addEventListener("change", redraw);
  show(root, h("h1", {}, "Logs"), h("form", { class: "filters" }, h("label", {}, h("span", {}, "Level"), level), h("label", {}, h("span", {}, "Function"), fn)), list);
  redraw();
  return onLine((line) => {
    if (keep(line)) list.append(logLine(line));
  });
}

function logLine(line) {
  const rest = Object.fromEntries(Object.entries(line).filter(([field]) => !SHOWN.has(field)));
  return h(
    "li",
    { class: `level-${line.level}` },
    h("time", {}, line.time ? line.time.slice(11, 23) : ""),
    h("span", { class: "level" }, line.level),
    h("span", { class: "fn" }, line.function ?? ""),
    h("span", { class: "message" }, line.message),
    line.traceId ? h("a", { href: `#trace/${line.traceId}`, class: "trace", title: "this request's timeline" }, line.traceId.slice(0, 8)) : null,
    Object.keys(rest).length ? h("code", { class: "fields" }, JSON.stringify(rest)) : null,
  );
}

/** One request's way as one timeline: its trace and the traces joined to it by the ids they share (the change feed starts a trace of its own). */
export async function traceView(root, traceId) {
  const draw = async () => {
    const { traces, lines: timeline } = await get(`traces/${traceId}`);
    const start = timeline[0]?.time ? Date.parse(timeline[0].time) : 0;
    show(
      root,
      h("h1", {}, "Timeline"),
      h("p", {}, `${timeline.length} lines in ${traces.length} trace${traces.length === 1 ? "" : "s"}: `, traces.map((t, i) => h("code", { class: `trace-${i % 6}` }, t.slice(0, 8), " "))),
      h(
        "ol",
        { class: "timeline", "aria-label": "timeline" },
        timeline.map((line) =>
          h(
            "li",
            { class: `trace-${traces.indexOf(line.traceId) % 6} level-${line.level}` },
            h("time", {}, line.time ? `+${Date.parse(line.time) - start} ms` : ""),
            h("span", { class: "fn" }, line.function ?? ""),
            h("span", { class: "message" }, line.message),
            h("code", { class: "fields" }, JSON.stringify(Object.fromEntries(Object.entries(line).filter(([f]) => !SHOWN.has(f))))),
          ),
        ),
      ),
      h("details", {}, h("summary", {}, "Lines as written"), pretty(timeline)),
    );
  };
  await draw();
  // New lines of the same journey (the confirmation comes after the POST) are drawn as they arrive.
  return onLine(() => draw().catch(() => {}));
}
