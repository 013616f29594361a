import { randomBytes } from "node:crypto";
import type { Env } from "@skyport/core";
import { inject } from "vitest";

/** Settings for the project's emulator, under a project id no other test file uses (no cross-talk, no reset). */
export function emulatorEnv(label: string): Env {
  return {
    GOOGLE_CLOUD_PROJECT: `demo-${label}-${randomBytes(4).toString("hex")}`,
    FIRESTORE_EMULATOR_HOST: inject("firestoreEmulatorHost"),
  };
}
