import { createRequire } from "node:module";

/**
 * Bundles a test's child-process script (workspace packages export TypeScript, which node cannot
 * run): one ESM file at `outfile`, with better-sqlite3 (native) left to load from this repository.
 */
export async function bundleChildScript(entry: string, outfile: string): Promise<void> {
  const esbuild = await import("esbuild");
  const sqlite = createRequire(import.meta.url).resolve("better-sqlite3");
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    // Workspace packages from their sources in this repository; shipped beside dist/ when installed.
    conditions: ["@skyport/source", "module"],
    format: "esm",
    target: "node20",
    // The banner's own module URL, spelled so that no tool rewriting that expression in sources (scripts/emulators.mjs) touches the string.
    banner: { js: `import { createRequire as __skyportRequire } from 'node:module'; const require = __skyportRequire(${"import.meta"}.url);` },
    plugins: [{ name: "native", setup: (build) => build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true })) }],
    logLevel: "error",
  });
}
