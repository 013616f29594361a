// The page: a view per hash (#functions, #waiting, #dead-letters, #collections, #logs, #trace/<id>), the app's name, the live log feed.
import { get } from "./api.js";
import { h, show } from "./dom.js";
import { startLogFeed } from "./log-feed.js";
import { collectionsView } from "./views/collections.js";
import { deadLettersView } from "./views/dead-letters.js";
import { functionsView } from "./views/functions.js";
import { logsView, traceView } from "./views/logs.js";
import { waitingView } from "./views/waiting.js";

const views = {
  functions: functionsView,
  waiting: waitingView,
  "dead-letters": deadLettersView,
  collections: collectionsView,
  logs: logsView,
  trace: traceView,
};

const view = document.getElementById("view");
let leave = () => {};

async function route() {
  leave();
  const [name, ...rest] = (location.hash.slice(1) || "functions").split("/");
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("current", link.getAttribute("href") === `#${name}`);
  const open = views[name] ?? views.functions;
  const root = h("section", { id: `${name}-view` });
  show(view, root);
  try {
    leave = (await open(root, rest.join("/"))) ?? (() => {});
  } catch (error) {
    show(root, h("p", { class: "problem", role: "alert" }, error.message));
    leave = () => {};
  }
}

const app = await get("app");
document.getElementById("app-name").textContent = app.name;
document.title = `${app.name} · Skyport dashboard`;
startLogFeed();
addEventListener("hashchange", route);
route();
