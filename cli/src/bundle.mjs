import { mkdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import * as esbuild from "esbuild";
import { commonJsDynamicImports } from "./commonjs-imports.mjs";
import { CONDITIONS } from "./conditions.mjs";

// ESM bundles still meet CommonJS dependencies that call require() for node built-ins.
const requireShim = "import { createRequire as __skyportRequire } from 'node:module'; const require = __skyportRequire(import.meta.url);";

/**
 * Bundles generated entry code (resolved from the app's folder): ESM, minified. Its esbuild
 * metafile goes to dist/meta/<name>.json, which the bundle tests and benchmarks read and no
 * deployment uploads. The bench builds the same code elsewhere with source maps beside it.
 * `splitting`: each dynamically imported module becomes a chunk (chunks/ beside `outfile`) that
 * node loads at its first import() only, so its SDK is neither parsed nor compiled at cold start;
 * the folder, not the file, is then what is deployed, and the metafile lists every output.
 */
export async function bundle(
  appDir,
  {
    contents,
    outfile,
    meta,
    target = "node22",
    external = [],
    define = {},
    plugins = [],
    distDir = join(appDir, "dist"),
    sourcemap = false,
    splitting = false,
  },
) {
  const output = splitting
    ? {
        outdir: dirname(join(distDir, outfile)),
        entryNames: basename(outfile, extname(outfile)),
        chunkNames: "chunks/[name]-[hash]",
        outExtension: { ".js": extname(outfile) },
        splitting,
      }
    : { outfile: join(distDir, outfile) };
  const result = await esbuild.build({
    stdin: { contents, resolveDir: appDir, sourcefile: `${meta}.entry.mjs`, loader: "ts" },
    ...output,
    bundle: true,
    platform: "node",
    conditions: CONDITIONS,
    // A package's ES module build first (the AWS SDK's dist-es): a chunk made from its CommonJS build
    // hands a dynamic import only a default export, and the importer finds no S3Client in it.
    mainFields: ["module", "main"],
    format: "esm",
    target,
    minify: true,
    sourcemap,
    legalComments: "none",
    metafile: true,
    external,
    define,
    // Split, a CommonJS module's import() would hold only `default` (see commonJsDynamicImports).
    plugins: splitting ? [commonJsDynamicImports, ...plugins] : plugins,
    banner: { js: requireShim },
    logLevel: "warning",
  });
  if (splitting) await dropUnreached(result.metafile);
  await mkdir(join(distDir, "meta"), { recursive: true });
  await writeFile(join(distDir, "meta", `${meta}.json`), JSON.stringify(result.metafile));
  await mkdir(dirname(join(distDir, outfile)), { recursive: true });
  return result.metafile;
}

/**
 * Deletes the chunks no import from the entry reaches, and takes them out of the metafile. esbuild makes a chunk of
 * every `import()` it scans, also in code it then drops as unused (s3Objects' S3 client in a function that reads no
 * file): such a chunk would be deployed though nothing can load it.
 */
async function dropUnreached(metafile) {
  const outputs = metafile.outputs;
  const reached = new Set(Object.keys(outputs).filter((name) => outputs[name].entryPoint?.endsWith(".entry.mjs")));
  for (const name of reached) for (const { path, external } of outputs[name].imports) if (!external && outputs[path]) reached.add(path);
  for (const name of Object.keys(outputs)) {
    if (reached.has(name) || reached.has(name.replace(/\.map$/, ""))) continue;
    await rm(name, { force: true });
    delete outputs[name];
  }
}
