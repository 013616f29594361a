import { defineApp, http, queue, schedule } from "@skyport/core";
import { logTick, runJob } from "./handlers.js";
import { notes } from "./notes.js";
import { receiptKey, signReceipt } from "./receipts.js";
import { noteProblems } from "./problems.js";
import { apiRoutes } from "./routes.js";

// Each function is a named export, by its name: its Lambda bundle imports only it, and
// /* @__PURE__ */ lets esbuild drop the other declarations with their handlers (docs/EXTENDING.md).
// The routes live in a module of their own: package.json's "sideEffects": false lets esbuild drop it,
// their schemas with it, from the bundles of the other functions.
// A function lists the collections it uses: the templates grant it those, and only those.
// Its idempotent routes keep their Idempotency-Keys in the framework's idempotency-keys collection:
// the option brings that collection into the app (and its templates) without listing it.
export const api = /* @__PURE__ */ http(apiRoutes, {
  collections: [notes],
  idempotency: (services) => ({ keys: services.idempotencyKeys, clock: services.clock }),
  // GET /openapi.json describes the routes; `npm run client` writes src/client.generated.ts from the same document.
  info: { title: "__NAME__", version: "0.1.0" },
  problems: { declared: noteProblems, at: (services) => services.problems },
});
// work reads the receipt key: it lists the secret as it lists collections, and only it is granted reading it.
export const work = /* @__PURE__ */ queue("jobs", { "job.requested": runJob, "receipt.requested": signReceipt }, { secrets: [receiptKey] });
export const tick = /* @__PURE__ */ schedule("every 1 hour", logTick);

/** __NAME__: one HTTP function (a greeting and the notes), one queue consumer and one schedule. Add functions here; build and templates follow. */
export default /* @__PURE__ */ defineApp({ name: "__NAME__", collections: { notes }, secrets: { receiptKey }, functions: { api, work, tick } });
