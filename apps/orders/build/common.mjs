import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

export const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const distDir = join(appDir, "dist");

// ESM bundles still meet CommonJS dependencies that call require() for node built-ins.
const requireShim = "import { createRequire as __skyportRequire } from 'node:module'; const require = __skyportRequire(import.meta.url);";

/**
 * Bundles one function: ESM, minified, with its esbuild metafile beside it (`meta.json`), which
 * the bundle-content tests and the benchmarks read.
 */
export async function bundle({ entry, outfile, target = "node22", external = [], define = {} }) {
  const result = await esbuild.build({
    entryPoints: [join(appDir, entry)],
    outfile: join(distDir, outfile),
    bundle: true,
    platform: "node",
    format: "esm",
    target,
    minify: true,
    sourcemap: false,
    legalComments: "none",
    metafile: true,
    external,
    define,
    banner: { js: requireShim },
    logLevel: "warning",
  });
  await mkdir(dirname(join(distDir, outfile)), { recursive: true });
  await writeFile(join(distDir, dirname(outfile), "meta.json"), JSON.stringify(result.metafile));
  return result.metafile;
}
