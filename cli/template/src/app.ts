import { defineApp, http, queue, schedule } from "@skyport/core";
import { greet, logTick, runJob } from "./handlers.js";

/** __NAME__: one HTTP route, one queue consumer and one schedule. Add functions here; build and templates follow. */
export default defineApp({
  name: "__NAME__",
  functions: {
    api: http(greet),
    work: queue("jobs", { "job.requested": runJob }),
    tick: schedule("every 1 hour", logTick),
  },
});
