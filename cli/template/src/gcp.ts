import { cloudLoggingFormat, cloudLoggingMetrics } from "@skyport/gcp-functions";
import { idempotencyCollection, memoryDocuments, MEMORY_STORE, type Env, type Platform } from "@skyport/core";
import { FIRESTORE_STORE, readFirestoreSettings } from "@skyport/firestore/settings";
import { notes } from "./notes.js";
import { instance } from "./services.js";

/** On Google Cloud: Firestore (its SDK imported on first use; where the notes and the idempotency keys live checked at start), or SKYPORT_STORE=memory. */
const stores = {
  loaders: {
    [FIRESTORE_STORE]: Object.assign((env: Env) => import("@skyport/firestore").then((m) => m.firestoreDocuments(env)), {
      check: (env: Env) => void readFirestoreSettings(env, [notes, idempotencyCollection]),
    }),
    [MEMORY_STORE]: () => memoryDocuments(),
  },
  defaultStore: FIRESTORE_STORE,
};

export default (env: Env, platform: Platform) =>
  instance("gcp", env, platform, stores, { format: cloudLoggingFormat(env.GOOGLE_CLOUD_PROJECT), metrics: cloudLoggingMetrics("__NAME__") });
