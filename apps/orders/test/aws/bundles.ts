import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const AWS_FUNCTIONS = ["http", "queue", "cleanup"] as const;
export type AwsFunction = (typeof AWS_FUNCTIONS)[number];

const distDir = join(dirname(fileURLToPath(import.meta.url)), "../../dist/aws");

/** A built file of dist/aws/<function>/, or a clear error when the build has not run. */
export function bundleFile(fn: AwsFunction, name: "index.mjs" | "meta.json"): string {
  const path = join(distDir, fn, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: build the AWS bundles first (npm run build, or node apps/orders/build/index.mjs aws)`);
  return path;
}

/** The runtime interface client's launcher, once its native part is built. */
export function runtimeInterfaceClient(): string {
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve("aws-lambda-ric/package.json"));
  } catch {
    root = "";
  }
  if (!root || !existsSync(join(root, "dist/rapid-client.node"))) {
    throw new Error("aws-lambda-ric is not built in node_modules: run `bash scripts/prerequisites.sh` (it installs autoconf automake libtool cmake and builds it)");
  }
  return join(root, "bin/index.mjs");
}
