import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import app from "../../../apps/orders/src/app.js";

/** The repository root: the harness runs from a bundle in bench/dist, its sources from bench/src. */
function repositoryRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "turbo.json"))) return dir;
  }
  throw new Error("the bench runs inside the Skyport repository");
}

export const REPO = repositoryRoot();
/**
 * The bench's own build of the order app (bench/build.mjs checks it byte for byte against apps/orders/dist): what it
 * measures cannot change under it while a test elsewhere rebuilds apps/orders/dist.
 */
export const ORDERS_DIST = join(REPO, "bench/dist/traced");

/** A bundle that deploy/ points at, and the functions it serves. */
export interface DeployedBundle {
  cloud: "aws" | "gcp" | "azure";
  /** One bundle per function on AWS and Google Cloud; one bundle serves them all on Azure. */
  functions: string;
  /** The function's trigger kind (`http`, `queue`, ...), or `app` for Azure's one bundle of every function. */
  kind: string;
  /** Relative to apps/orders/dist. */
  file: string;
  /** Its esbuild metafile, relative to apps/orders/dist. */
  meta: string;
}

/** Every function the order app declares: each is a bundle of its own on AWS and Google Cloud, and all share one on Azure. */
const FUNCTIONS = Object.keys(app.functions) as (keyof typeof app.functions)[];
const kindOf = (name: keyof typeof app.functions): string => app.functions[name].trigger.kind;

export const DEPLOYED_BUNDLES: DeployedBundle[] = [
  ...(["aws", "gcp"] as const).flatMap((cloud) =>
    FUNCTIONS.map(
      (name): DeployedBundle => ({ cloud, functions: name, kind: kindOf(name), file: `${cloud}/${name}/index.mjs`, meta: `meta/${cloud}-${name}.json` }),
    ),
  ),
  { cloud: "azure", functions: FUNCTIONS.join(" + "), kind: "app", file: "azure/main.mjs", meta: "meta/azure.json" },
];

/** The bundles `npm run build` has made (the bench builds first, so all of them, once every adapter exists). */
export function builtBundles(): DeployedBundle[] {
  return DEPLOYED_BUNDLES.filter((bundle) => existsSync(join(ORDERS_DIST, bundle.file)));
}
