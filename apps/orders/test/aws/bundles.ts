import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import app from "../../src/app.js";

export type AwsFunction = keyof typeof app.functions;
export const AWS_FUNCTIONS = Object.keys(app.functions) as AwsFunction[];

const distDir = join(dirname(fileURLToPath(import.meta.url)), "../../dist");

/** A function's Lambda bundle, or its esbuild metafile, as the test setup's build left them. */
export function bundleFile(fn: AwsFunction, name: "index.mjs" | "meta.json"): string {
  const path = name === "index.mjs" ? join(distDir, "aws", fn, name) : join(distDir, "meta", `aws-${fn}.json`);
  if (!existsSync(path)) throw new Error(`${path} is missing: build the AWS bundles first (npm run build -w apps/orders)`);
  return path;
}

/** A Lambda handler as a bundle exports it; each call site names its event and result. */
export type BundleHandler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * A function's built bundle, imported as Lambda's Node.js runtime imports index.mjs: it reads the
 * process's environment as it is now, once (a module is loaded once per process).
 */
export async function loadBundle(fn: AwsFunction): Promise<BundleHandler> {
  const module = (await import(/* @vite-ignore */ pathToFileURL(bundleFile(fn, "index.mjs")).href)) as { handler: BundleHandler };
  return module.handler;
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
    throw new Error(
      "aws-lambda-ric is not built in node_modules: run `bash scripts/prerequisites.sh` (it installs autoconf automake libtool cmake and builds it)",
    );
  }
  return join(root, "bin/index.mjs");
}
