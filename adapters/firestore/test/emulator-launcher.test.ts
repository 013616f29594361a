import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { firestoreEmulatorLauncher, FirestoreEmulatorMissing } from "../src/testing/index.js";

let roots: string[] = [];
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

/** An SDK root without the emulator; `packaged` as apt installs it (component manager disabled). */
function sdkRootWithoutEmulator(packaged: boolean): string {
  const root = mkdtempSync(join(tmpdir(), "gcloud-sdk-"));
  roots.push(root);
  mkdirSync(join(root, "lib", "googlecloudsdk", "core"), { recursive: true });
  writeFileSync(join(root, "lib", "googlecloudsdk", "core", "config.json"), JSON.stringify({ disable_updater: packaged }));
  return root;
}

describe("finding the Firestore emulator", () => {
  it("says to apt-get it where the Google Cloud CLI came from the package manager", () => {
    const attempt = () => firestoreEmulatorLauncher(sdkRootWithoutEmulator(true));
    expect(attempt).toThrow(FirestoreEmulatorMissing);
    expect(attempt).toThrow("apt-get install google-cloud-cli-firestore-emulator");
  });

  it("says to add the gcloud component where the CLI manages its own components", () => {
    expect(() => firestoreEmulatorLauncher(sdkRootWithoutEmulator(false))).toThrow("gcloud components install cloud-firestore-emulator");
  });
});
