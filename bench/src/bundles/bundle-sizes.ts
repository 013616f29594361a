import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { BundleRow } from "../results.js";
import { ORDERS_DIST, builtBundles } from "./deployed-bundles.js";

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** `node_modules/@scope/name/...` -> `@scope/name`: the package a bundled file came from. */
export function packageOf(input: string): string | undefined {
  const at = input.lastIndexOf("node_modules/");
  if (at === -1) return undefined;
  const [first, second] = input.slice(at + "node_modules/".length).split("/");
  return first!.startsWith("@") ? `${first}/${second}` : first;
}

/** Which part of Skyport a first-party source is: the portable layer, the order domain, or a store. */
export function partOf(input: string): "layer" | "domain" | "stores" {
  if (input.includes("core/src/orders/")) return "domain";
  if (/core\/src\/memory\/|adapters\/(dynamodb|firestore|cosmos|sqlite)\//.test(input)) return "stores";
  return "layer";
}

/** `../core/src/collections/rules.ts` -> `core/src/collections`: the folder of a first-party source
 * (the app's generated entry: `entry`). */
export function folderOf(input: string): string {
  const path = input.replace(/^(\.\.\/)+/, "");
  if (!path.includes("/") || path.includes(":")) return "entry";
  return path.slice(0, path.lastIndexOf("/"));
}

/**
 * The code files a metafile describes, relative to ORDERS_DIST, and their inputs: the bundle and,
 * where the build splits it (Azure), every chunk it loads lazily, all deployed beside it. Source maps are not deployed.
 */
function deployedOutputs(file: string, meta: Metafile, metaFile: string): { path: string; inputs: Metafile["outputs"][string]["inputs"] }[] {
  const main = Object.keys(meta.outputs).find((name) => name.endsWith(file));
  if (!main) throw new Error(`${file}: ${metaFile} describes another output`);
  // Output names are relative to the directory esbuild ran in: the same prefix leads each to ORDERS_DIST.
  const prefix = main.slice(0, -file.length);
  return Object.entries(meta.outputs)
    .filter(([name]) => !name.endsWith(".map"))
    .map(([name, { inputs }]) => ({ path: join(ORDERS_DIST, name.slice(prefix.length)), inputs }));
}

/**
 * Minified and gzip bytes of every deployed bundle, all its files counted (Azure's main.mjs and
 * its chunks: what is deployed), split by esbuild's metafile into Skyport's own sources (core,
 * adapters, apps) and third-party packages. esbuild's own glue (the module wrappers, the banner)
 * is in the total and in neither part. The gzip bytes are each file's, summed, as a zip holds them.
 */
export function bundleSizes(): BundleRow[] {
  return builtBundles().map(({ cloud, functions, kind, file, meta: metaFile }) => {
    const meta = JSON.parse(readFileSync(join(ORDERS_DIST, metaFile), "utf8")) as Metafile;
    const outputs = deployedOutputs(file, meta, metaFile);
    const codes = outputs.map(({ path }) => readFileSync(path));
    let skyportBytes = 0;
    const skyportParts = { layer: 0, domain: 0, stores: 0 };
    const packages = new Map<string, number>();
    const folders = new Map<string, number>();
    for (const [input, { bytesInOutput }] of outputs.flatMap((output) => Object.entries(output.inputs))) {
      const name = packageOf(input);
      if (name === undefined) {
        skyportBytes += bytesInOutput;
        skyportParts[partOf(input)] += bytesInOutput;
        const folder = folderOf(input);
        folders.set(folder, (folders.get(folder) ?? 0) + bytesInOutput);
      } else packages.set(name, (packages.get(name) ?? 0) + bytesInOutput);
    }
    const thirdPartyBytes = [...packages.values()].reduce((a, b) => a + b, 0);
    const topPackages = [...packages]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, bytes]) => ({ name, bytes }));
    return {
      cloud,
      function: functions,
      kind,
      file,
      minifiedBytes: codes.reduce((sum, code) => sum + code.length, 0),
      gzipBytes: codes.reduce((sum, code) => sum + gzipSync(code).length, 0),
      skyportBytes,
      skyportParts,
      thirdPartyBytes,
      topPackages,
      skyportFolders: [...folders].sort((a, b) => b[1] - a[1]).map(([folder, bytes]) => ({ folder, bytes })),
    };
  });
}
