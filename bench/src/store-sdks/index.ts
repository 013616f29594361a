import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO } from "../bundles/deployed-bundles.js";
import { packageOf } from "../bundles/bundle-sizes.js";
import { coldSubjects } from "../cold-start/cold-subjects.js";
import { probe } from "../cold-start/index.js";
import type { StoreSdkRow } from "../results.js";
import { executedSources } from "./executed-sources.js";

/** Each store: its Skyport store package, and the SDK packages it is built on (which only the configured store may load). */
const STORE_CODE: Record<string, { skyport: string; packages: string[] }> = {
  dynamodb: { skyport: "adapters/dynamodb/", packages: ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "@aws-sdk/util-dynamodb"] },
  firestore: { skyport: "adapters/firestore/", packages: ["@google-cloud/firestore"] },
  cosmos: { skyport: "adapters/cosmos/", packages: ["@azure/cosmos"] },
};

/** The queue and identity SDKs the bundles also carry: reported, so that the check shows it does see code that runs. */
const OTHER_SDKS = ["@aws-sdk/client-sqs", "@google-cloud/pubsub", "@azure/storage-queue", "@azure/identity"];

function otherSdksThatRan(sources: Set<string>): string[] {
  return [...new Set([...sources].map(packageOf).filter((name): name is string => name !== undefined && OTHER_SDKS.includes(name)))].sort();
}

/** The store SDK packages whose code ran. */
function storeSdksThatRan(sources: Set<string>): string[] {
  const sdks = Object.values(STORE_CODE).flatMap((store) => store.packages);
  return [...new Set([...sources].map(packageOf).filter((name): name is string => name !== undefined && sdks.includes(name)))].sort();
}

/** Files of Skyport's store packages that ran (an entry reads a store's settings at start, without its SDK). */
function storePackageFilesThatRan(sources: Set<string>): string[] {
  const prefixes = Object.values(STORE_CODE).map((store) => join(REPO, store.skyport));
  return [...sources]
    .filter((source) => packageOf(source) === undefined && prefixes.some((prefix) => source.startsWith(prefix)))
    .map((source) => source.slice(REPO.length + 1))
    .sort();
}

/**
 * For each cloud's HTTP bundle, with SKYPORT_STORE=memory and with the cloud's store: the store
 * code that ran by the end of the first invocation, from V8's coverage of the deployed bundle
 * (a byte-identical copy with a source map). Only the configured store's may.
 */
export async function checkStoreSdks(): Promise<StoreSdkRow[]> {
  const rows: StoreSdkRow[] = [];
  const http = coldSubjects(["aws", "gcp", "azure"]).filter((s) => s.layer === "Skyport");
  const aws = http.find((s) => s.cloud === "aws")!;
  // The queue and cleanup functions' first invocations read the store: with DynamoDB configured they
  // meet a closed port on loopback (refused at once), which is enough to load and run the store's code.
  const awsOthers = (["confirm", "cleanup"] as const).map((fn) => ({
    ...aws,
    cloud: `aws-${fn}` as const,
    bundle: aws.bundle.replace("/aws/api/", `/aws/${fn}/`),
    env: { ...aws.env, AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:9" },
  }));
  for (const subject of [...http, ...awsOthers]) {
    const traced = subject.bundle.replace(join(REPO, "apps/orders/dist"), join(REPO, "bench/dist/traced"));
    for (const store of ["memory", subject.store]) {
      const coverage = mkdtempSync(join(tmpdir(), "skyport-coverage-"));
      try {
        await probe({ ...subject, bundle: traced }, { SKYPORT_STORE: store, NODE_V8_COVERAGE: coverage });
        const sources = executedSources(coverage, traced);
        const loaded = storeSdksThatRan(sources);
        const allowed = store === "memory" ? [] : STORE_CODE[store]!.packages;
        rows.push({
          cloud: subject.cloud.replace(/-.*/, ""),
          bundle: traced.slice(join(REPO, "bench/dist/traced/").length),
          store,
          loaded,
          storePackageFiles: storePackageFilesThatRan(sources),
          alsoLoaded: otherSdksThatRan(sources),
          ok: loaded.every((name) => allowed.includes(name)) && (store === "memory" || loaded.length > 0),
        });
      } finally {
        rmSync(coverage, { recursive: true, force: true });
      }
    }
  }
  return rows;
}
