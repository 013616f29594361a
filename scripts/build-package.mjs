// `npm run build` of a framework package (run in its folder): dist/ as the registry serves it.
// tsc (tsconfig.build.json) writes the JavaScript, the .d.ts and their source maps; the files it
// does not emit are copied beside them: generated JavaScript with its hand-written .d.ts, .mjs
// files a module spawns or loads by URL, and the testing entries' fixtures.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";

const COPIED = new Set([".js", ".mjs", ".json", ".txt"]);

const { rootDir, outDir } = JSON.parse(readFileSync("tsconfig.build.json", "utf8")).compilerOptions;
rmSync(outDir, { recursive: true, force: true });
execFileSync(process.execPath, [createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { stdio: "inherit" });
cpSync(rootDir, outDir, {
  recursive: true,
  filter: (source) => !extname(source) || COPIED.has(extname(source)) || source.endsWith(".d.ts") || source.endsWith(".d.mts"),
});
