import type { TestProject } from "vitest/node";
import { startPubSubEmulator } from "../src/testing/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    pubsubEmulatorHost: string;
    pubsubProjectId: string;
  }
}

/** One Pub/Sub emulator for this project's test files. */
export default async function setup(project: TestProject) {
  const emulator = await startPubSubEmulator();
  project.provide("pubsubEmulatorHost", emulator.host);
  project.provide("pubsubProjectId", emulator.projectId);
  return () => emulator.stop();
}
