import { spawnSync } from "node:child_process";
import { freePort, startServerProcess } from "@skyport/core/testing";

/** The Pub/Sub emulator on loopback: its host and project, and how to stop it. */
export interface PubSubEmulator {
  /** 127.0.0.1:<port>, the value for PUBSUB_EMULATOR_HOST. */
  host: string;
  projectId: string;
  stop(): Promise<void>;
}

const HOW_TO_GET_IT =
  "Google's Pub/Sub emulator is part of the Google Cloud CLI: apt-get install -y google-cloud-cli google-cloud-cli-pubsub-emulator " +
  "(or `gcloud components install pubsub-emulator beta`), and it needs Java: apt-get install -y default-jre-headless";

/** Starts Google's Pub/Sub emulator on a free loopback port; it forks Java, so stop() ends its process group. */
export async function startPubSubEmulator(projectId = "demo-skyport"): Promise<PubSubEmulator> {
  const probe = spawnSync("gcloud", ["--version"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) throw new Error(`gcloud is not installed. ${HOW_TO_GET_IT}`);
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  try {
    const server = await startServerProcess({
      name: "Pub/Sub emulator",
      command: "gcloud",
      args: ["beta", "emulators", "pubsub", "start", `--host-port=${host}`, `--project=${projectId}`],
      env: { CLOUDSDK_CORE_DISABLE_PROMPTS: "1" },
      port,
      // The emulator answers "Ok" on / once it serves.
      ready: async () => (await fetch(`http://${host}/`)).ok,
      timeoutMs: 60_000,
    });
    return { host, projectId, stop: () => server.stop() };
  } catch (error) {
    throw new Error(`the Pub/Sub emulator did not start. ${HOW_TO_GET_IT}`, { cause: error });
  }
}
