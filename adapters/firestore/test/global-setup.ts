import type { TestProject } from "vitest/node";
import { startFirestoreEmulator } from "../src/testing/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    firestoreEmulatorHost: string;
  }
}

/** One Firestore emulator for the whole project; each test file uses a project id of its own. */
export default async function setup(project: TestProject) {
  const emulator = await startFirestoreEmulator();
  project.provide("firestoreEmulatorHost", emulator.host);
  return () => emulator.stop();
}
