import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

// `npm run bench` measures the bundles as the sources are now, and runs the harness from bundles
// of its own (Node 20 runs no TypeScript). Nothing is installed: all it uses is in node_modules.
const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, "../cli/bin/skyport.mjs");
const buildOrders = () => execFileSync(process.execPath, [cli, "build"], { cwd: join(here, "../apps/orders"), stdio: "inherit" });
buildOrders();

const requireShim = "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);";
/** Loaded from node_modules at run time: the runtime the bundles share with the harness, and native or CLI code. */
const external = [
  "@google-cloud/functions-framework",
  "@azure/functions-core",
  "autocannon",
  "better-sqlite3",
  "@google-cloud/pubsub",
  "@google-cloud/firestore",
  "vitest",
];

const harness = {
  bundle: true,
  platform: "node",
  conditions: ["@skyport/source", "module"],
  format: "esm",
  target: "node20",
  external,
  banner: { js: requireShim },
  logLevel: "warning",
};

await esbuild.build({
  ...harness,
  entryPoints: {
    bench: join(here, "src/main.ts"),
    readme: join(here, "src/write-readme.ts"),
    // The bulk import's child process (src/import/index.ts runs it with a 512 MB function's heap).
    "import-run": join(here, "src/import/run.ts"),
    // npm run profile:cold-start: where each cloud's cold start spends its CPU, against the hand-written one.
    "profile-cold-start": join(here, "src/cold-start/profile.ts"),
    // npm run profile:local: where the local server spends its CPU per request, against the raw node:http server.
    "profile-local": join(here, "src/throughput/profile.ts"),
  },
  outdir: join(here, "dist"),
  outExtension: { ".js": ".mjs" },
});
// The raw server (the throughput bench's baseline), with a source map, so that npm run profile:local names the files its CPU time goes to.
await esbuild.build({
  ...harness,
  entryPoints: { "raw-server": join(here, "src/throughput/raw-server.ts") },
  outdir: join(here, "dist"),
  outExtension: { ".js": ".mjs" },
  sourcemap: "external",
});
// DynamoDB Local's launcher spawns this file beside itself (new URL(..., import.meta.url)): beside the bundle, here.
copyFileSync(join(here, "../adapters/dynamodb/src/testing/namespace-bridge.mjs"), join(here, "dist/namespace-bridge.mjs"));

// The hand-written functions of the cold-start comparison, bundled as apps/orders/build bundles Skyport's.
const deployed = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  minify: true,
  legalComments: "none",
  banner: { js: "import { createRequire as __skyportRequire } from 'node:module'; const require = __skyportRequire(import.meta.url);" },
  logLevel: "warning",
};
/** Resolves a package as the named adapter does, so that both bundles carry the same version of it. */
const sameVersionAs = (adapter, packages) => ({
  name: "same-version",
  setup(build) {
    const dir = join(here, "..", adapter);
    build.onResolve({ filter: new RegExp(`^(${packages.join("|")})$`) }, (args) =>
      args.resolveDir.startsWith(dir) ? undefined : build.resolve(args.path, { resolveDir: dir, kind: args.kind }),
    );
  },
});
const cold = [
  { cloud: "aws", entry: "aws-http-entry.ts" },
  {
    cloud: "gcp",
    entry: "gcp-entry.ts",
    external: ["@google-cloud/functions-framework"],
    define: { __dirname: "import.meta.dirname", __filename: "import.meta.filename" },
  },
  { cloud: "azure", entry: "azure-entry.ts", external: ["@azure/functions-core"], plugins: [sameVersionAs("adapters/azure-functions", ["@azure/identity"])] },
];
for (const { cloud, entry, external = [], define = {}, plugins = [] } of cold) {
  await esbuild.build({
    ...deployed,
    entryPoints: [join(here, "src/cold-start", entry)],
    outfile: join(here, "dist/cold", cloud, "index.mjs"),
    external,
    define,
    plugins,
    sourcemap: "external",
  });
}

// Copies of Skyport's deployed bundles with a source map beside them, for the check of which store
// SDKs run at cold start. Built by the same builder with the same options; the code must be byte for
// byte the code that is deployed, or the check would be about another bundle.
const orders = join(here, "../apps/orders");
const { build } = await import("../cli/src/build.mjs");
await build(orders, ["aws", "gcp", "azure", "local"], { distDir: join(here, "dist/traced"), sourcemap: "external" });
// Each split bundle (every Lambda and Google Cloud function's, Azure's app) loads what only some invocations need from chunks
// whose names carry a hash of the chunk and of its source map: the copy's chunks are named otherwise, and its entry imports
// them by those names. With the hashes left out, every entry and every chunk must be the shipped code byte for byte.
const unhashed = (text) => text.replace(/-[A-Z2-7]{8}\.mjs/g, "-[hash].mjs");
const chunksOf = (dir) =>
  ["aws", "gcp", "azure"]
    .flatMap((cloud) => {
      const folders =
        cloud === "azure" ? [join(dir, "azure")] : existsSync(join(dir, cloud)) ? readdirSync(join(dir, cloud)).map((name) => join(dir, cloud, name)) : [];
      return folders.flatMap((folder) => {
        const chunks = join(folder, "chunks");
        const names = existsSync(chunks) ? readdirSync(chunks).filter((name) => name.endsWith(".mjs")) : [];
        return names.map((name) => unhashed(`${folder.slice(dir.length)}/${name}\n${readFileSync(join(chunks, name), "utf8")}`));
      });
    })
    .sort();
const shippedFiles = ["aws/api/index.mjs", "aws/confirm/index.mjs", "aws/cleanup/index.mjs", "gcp/api/index.mjs", "azure/main.mjs"];
for (const file of shippedFiles) {
  const shipped = join(orders, "dist", file);
  if (unhashed(readFileSync(join(here, "dist/traced", file), "utf8")) !== unhashed(readFileSync(shipped, "utf8"))) {
    throw new Error(`bench/build.mjs built ${file} unlike skyport build: align the options in both before measuring`);
  }
}
const [tracedChunks, shippedChunks] = [chunksOf(join(here, "dist/traced")), chunksOf(join(orders, "dist"))];
if (tracedChunks.length !== shippedChunks.length || tracedChunks.some((chunk, i) => chunk !== shippedChunks[i])) {
  throw new Error("bench/build.mjs built chunks/ unlike skyport build: align the options in both before measuring");
}
