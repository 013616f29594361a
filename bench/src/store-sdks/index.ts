import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO } from "../bundles/deployed-bundles.js";
import { packageOf } from "../bundles/bundle-sizes.js";
import { coldSubjects } from "../cold-start/cold-subjects.js";
import { probe } from "../cold-start/index.js";
import type { StoreSdkRow } from "../results.js";
import { executedSources } from "./executed-sources.js";

/** Each store's code: its Skyport store package and the SDK packages it is built on. */
const STORE_CODE: Record<string, { skyport: string; packages: string[] }> = {
  dynamodb: { skyport: "adapters/dynamodb/", packages: ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "@aws-sdk/util-dynamodb"] },
  firestore: { skyport: "adapters/firestore/", packages: ["@google-cloud/firestore"] },
  cosmos: { skyport: "adapters/cosmos/", packages: ["@azure/cosmos"] },
};

/** The queue and identity SDKs the bundles also carry: reported, so that the check shows it does see code that ran. */
const OTHER_SDKS = ["@aws-sdk/client-sqs", "@google-cloud/pubsub", "@azure/storage-queue", "@azure/identity", "@inversifyjs/container"];

function otherSdksThatRan(sources: Set<string>): string[] {
  return [...new Set([...sources].map(packageOf).filter((name): name is string => name !== undefined && OTHER_SDKS.includes(name)))].sort();
}

function storeCodeThatRan(sources: Set<string>): string[] {
  const ran = new Set<string>();
  for (const source of sources) {
    for (const [store, { skyport, packages }] of Object.entries(STORE_CODE)) {
      const name = packageOf(source);
      if (name !== undefined ? packages.includes(name) : source.startsWith(join(REPO, skyport))) ran.add(name ?? `@skyport/${store}`);
    }
  }
  return [...ran].sort();
}

/**
 * For each cloud's HTTP bundle, with SKYPORT_STORE=memory and with the cloud's store: the store
 * code that ran by the end of the first invocation, from V8's coverage of the deployed bundle
 * (a byte-identical copy with a source map). Only the configured store's may.
 */
export async function checkStoreSdks(): Promise<StoreSdkRow[]> {
  const rows: StoreSdkRow[] = [];
  for (const subject of coldSubjects(["aws", "gcp", "azure"]).filter((s) => s.layer === "Skyport")) {
    const traced = subject.bundle.replace(join(REPO, "apps/orders/dist"), join(REPO, "bench/dist/traced"));
    for (const store of ["memory", subject.store]) {
      const coverage = mkdtempSync(join(tmpdir(), "skyport-coverage-"));
      try {
        await probe({ ...subject, bundle: traced }, { SKYPORT_STORE: store, NODE_V8_COVERAGE: coverage });
        const sources = executedSources(coverage, traced);
        const loaded = storeCodeThatRan(sources);
        const allowed = store === "memory" ? [] : [...STORE_CODE[store]!.packages, `@skyport/${store}`];
        rows.push({ cloud: subject.cloud, bundle: traced.slice(join(REPO, "bench/dist/traced/").length), store, loaded, alsoLoaded: otherSdksThatRan(sources), ok: loaded.every((name) => allowed.includes(name)) && (store === "memory" || loaded.length > 0) });
      } finally {
        rmSync(coverage, { recursive: true, force: true });
      }
    }
  }
  return rows;
}
