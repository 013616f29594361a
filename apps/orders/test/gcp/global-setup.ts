import { startFirestoreEmulator } from "@skyport/firestore/testing";
import { startPubSubEmulator } from "@skyport/gcp-functions/testing";
import type { TestProject } from "vitest/node";

export interface GcpEmulators {
  /** host:port values for FIRESTORE_EMULATOR_HOST and PUBSUB_EMULATOR_HOST. */
  firestoreHost: string;
  pubsubHost: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    gcp: GcpEmulators;
  }
}

/** Google's Firestore and Pub/Sub emulators, for every test of the GCP app; each file works in a project of its own. */
export default async function setup(project: TestProject) {
  const firestore = await startFirestoreEmulator();
  const pubsub = await startPubSubEmulator().catch(async (error: unknown) => {
    await firestore.stop();
    throw error;
  });
  project.provide("gcp", { firestoreHost: firestore.host, pubsubHost: pubsub.host });
  return async () => {
    await Promise.all([firestore.stop(), pubsub.stop()]);
  };
}
