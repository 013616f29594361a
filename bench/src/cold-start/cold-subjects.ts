import { join } from "node:path";
import { ORDERS_DIST, REPO } from "../bundles/deployed-bundles.js";

/** A bundle started cold, with the environment its function has in the cloud (no network is touched). */
export interface ColdSubject {
  cloud: "aws" | "gcp" | "azure";
  layer: "Skyport" | "hand-written";
  store: string;
  bundle: string;
  env: Record<string, string>;
}

const HAND_WRITTEN = join(REPO, "bench/dist/cold");

/** Each cloud's store, configured as the deploy templates do; the endpoints are never called by GET /health. */
const CLOUD_ENV: Record<ColdSubject["cloud"], { store: string; env: Record<string, string> }> = {
  aws: {
    store: "dynamodb",
    env: {
      SKYPORT_STORE: "dynamodb",
      SKYPORT_COLLECTION_ORDERS: "skyport-orders",
      SKYPORT_TOPIC_ORDERS: "https://sqs.us-east-1.amazonaws.com/123456789012/skyport-orders",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIDBENCHONLY",
      AWS_SECRET_ACCESS_KEY: "bench-only",
    },
  },
  gcp: {
    store: "firestore",
    env: {
      SKYPORT_STORE: "firestore",
      GOOGLE_CLOUD_PROJECT: "skyport-bench",
      SKYPORT_TOPIC_ORDERS: "orders",
      METADATA_SERVER_DETECTION: "none",
      FUNCTION_TARGET: "api",
    },
  },
  azure: {
    store: "cosmos",
    env: {
      SKYPORT_STORE: "cosmos",
      SKYPORT_COSMOS_ENDPOINT: "https://skyport-bench.documents.azure.com:443/",
      SKYPORT_TOPIC_ORDERS: "orders",
      SKYPORT_QUEUE_SERVICE_URL: "https://skyportbench.queue.core.windows.net",
    },
  },
};

/** The HTTP function's bundle: what a deployed api instance loads (its own bundle on AWS and Google Cloud, the app's on Azure). */
const SKYPORT_BUNDLES = { aws: "aws/api/index.mjs", gcp: "gcp/api/index.mjs", azure: "azure/main.mjs" };

export function coldSubjects(clouds: readonly ColdSubject["cloud"][]): ColdSubject[] {
  return clouds.flatMap((cloud) => {
    const { store, env } = CLOUD_ENV[cloud];
    return [
      { cloud, layer: "Skyport" as const, store, bundle: join(ORDERS_DIST, SKYPORT_BUNDLES[cloud]), env: { ...env, SKYPORT_LOG_LEVEL: "info" } },
      { cloud, layer: "hand-written" as const, store, bundle: join(HAND_WRITTEN, cloud, "index.mjs"), env },
    ];
  });
}

export const PROBE = join(REPO, "bench/src/cold-start/probe.mjs");
