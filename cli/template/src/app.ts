import { defineApp, http, queue, schedule } from "@skyport/core";
import { greet, logTick, runJob } from "./handlers.js";

// Each function is a named export, by its name: its Lambda bundle imports only it, and
// /* @__PURE__ */ lets esbuild drop the other declarations with their handlers (docs/EXTENDING.md).
export const api = /* @__PURE__ */ http(greet);
export const work = /* @__PURE__ */ queue("jobs", { "job.requested": runJob });
export const tick = /* @__PURE__ */ schedule("every 1 hour", logTick);

/** __NAME__: one HTTP route, one queue consumer and one schedule. Add functions here; build and templates follow. */
export default /* @__PURE__ */ defineApp({ name: "__NAME__", functions: { api, work, tick } });
