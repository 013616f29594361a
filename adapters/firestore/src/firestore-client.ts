import { Firestore } from "@google-cloud/firestore";
import type { Env } from "@skyport/core";
import { firestoreSettings } from "./firestore-settings.js";
import { boundByOperationDeadline } from "./operation-deadline.js";

/** The client both stores share: the environment's settings, its gRPC attempts bound by operation deadlines. */
export function firestoreClient(env: Env): Firestore {
  return new Firestore({
    ...firestoreSettings(env),
    // gRPC, never the REST fallback (FIRESTORE_PREFER_REST): the deadlines bind gRPC attempts.
    preferRest: false,
    "grpc.callInvocationTransformer": boundByOperationDeadline,
  });
}
