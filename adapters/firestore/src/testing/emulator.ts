import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, startServerProcess } from "@skyport/core/testing";

/** The Firestore emulator on loopback: its host, and how to stop it. */
export interface FirestoreEmulator {
  /** host:port, the value for FIRESTORE_EMULATOR_HOST. */
  host: string;
  stop(): Promise<void>;
}

/** The emulator is missing or cannot run here; the message says how to get it. */
export class FirestoreEmulatorMissing extends Error {
  constructor(message: string) {
    super(`Google's Firestore emulator is needed for these tests. ${message}`);
    this.name = "FirestoreEmulatorMissing";
  }
}

const LAUNCHER = join("platform", "cloud-firestore-emulator", "cloud_firestore_emulator");

/**
 * Starts Google's Firestore emulator (the gcloud SDK's own launcher) on a free loopback port;
 * with `functionsEmulator` (host:port) it delivers document triggers registered on it there.
 */
export async function startFirestoreEmulator(options: { functionsEmulator?: string } = {}): Promise<FirestoreEmulator> {
  const launcher = firestoreEmulatorLauncher(gcloudSdkRoot());
  requireJava();
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  // The launcher forks a JVM: startServerProcess stops the whole process group.
  const server = await startServerProcess({
    name: "Firestore emulator",
    command: launcher,
    args: ["start", "--host=127.0.0.1", `--port=${port}`, ...(options.functionsEmulator ? [`--functions_emulator=${options.functionsEmulator}`] : [])],
    port,
    ready: async () => (await fetch(`http://${host}/`)).ok,
  });
  return { host, stop: server.stop };
}

/** The launcher under an SDK root, or FirestoreEmulatorMissing saying how this installation gets it. */
export function firestoreEmulatorLauncher(sdkRoot: string): string {
  const launcher = join(sdkRoot, LAUNCHER);
  if (existsSync(launcher)) return launcher;
  throw new FirestoreEmulatorMissing(
    componentManagerDisabled(sdkRoot)
      ? // Installed from Google's apt repository: gcloud's component manager is disabled, apt has the emulator.
        `The Google Cloud CLI at ${sdkRoot} was installed by the system's package manager; ` +
          "install the emulator with: sudo apt-get install google-cloud-cli-firestore-emulator"
      : `Install it into the Google Cloud CLI at ${sdkRoot} with: gcloud components install cloud-firestore-emulator`,
  );
}

function gcloudSdkRoot(): string {
  try {
    return execFileSync("gcloud", ["info", "--format=value(installation.sdk_root)"], { encoding: "utf8" }).trim();
  } catch {
    throw new FirestoreEmulatorMissing(
      "The Google Cloud CLI (gcloud) is not installed. On Debian/Ubuntu, from Google's apt repository " +
        "(https://cloud.google.com/sdk/docs/install#deb): sudo apt-get install google-cloud-cli google-cloud-cli-firestore-emulator default-jre-headless; " +
        "elsewhere install the CLI and run: gcloud components install cloud-firestore-emulator",
    );
  }
}

function componentManagerDisabled(sdkRoot: string): boolean {
  try {
    const config = JSON.parse(readFileSync(join(sdkRoot, "lib", "googlecloudsdk", "core", "config.json"), "utf8")) as { disable_updater?: unknown };
    return config.disable_updater === true;
  } catch {
    return false;
  }
}

function requireJava(): void {
  const java = process.env.JAVA ?? "java"; // the launcher honours $JAVA too
  if (spawnSync(java, ["-version"], { stdio: "ignore" }).error) {
    throw new FirestoreEmulatorMissing(`It runs on Java, and \`${java}\` was not found: sudo apt-get install default-jre-headless`);
  }
}
