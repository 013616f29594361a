import { startFirestoreEmulator } from "@skyport/firestore/testing";
import { startPubSubEmulator } from "@skyport/gcp-functions/testing";
import type { TestProject } from "vitest/node";
import { startTriggerRouter } from "./trigger-router.js";

export interface GcpEmulators {
  /** host:port values for FIRESTORE_EMULATOR_HOST and PUBSUB_EMULATOR_HOST. */
  firestoreHost: string;
  pubsubHost: string;
  /** Where test files route their project's Firestore triggers (POST /routes {project, url}). */
  triggerRouter: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    gcp: GcpEmulators;
  }
}

/** Google's Firestore and Pub/Sub emulators, for every test of the GCP app; each file works in a project of its own. */
export default async function setup(project: TestProject) {
  // The emulator delivers document triggers (the outbox function's) to the router, which passes them to each file's function.
  const router = await startTriggerRouter();
  const firestore = await startFirestoreEmulator({ functionsEmulator: router.host }).catch(async (error: unknown) => {
    await router.close();
    throw error;
  });
  const pubsub = await startPubSubEmulator().catch(async (error: unknown) => {
    await Promise.all([firestore.stop(), router.close()]);
    throw error;
  });
  project.provide("gcp", { firestoreHost: firestore.host, pubsubHost: pubsub.host, triggerRouter: `http://${router.host}` });
  return async () => {
    await Promise.all([firestore.stop(), pubsub.stop()]);
    await router.close();
  };
}
