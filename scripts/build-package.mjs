// `npm run build` of a framework package (run in its folder): dist/ as the registry serves it.
// tsc (tsconfig.build.json) writes the JavaScript, the .d.ts and their source maps; the files it
// does not emit are copied beside them: generated JavaScript with its hand-written .d.ts, .mjs
// files a module spawns or loads by URL, and the testing entries' fixtures. It is written beside
// dist/ and then put in its place, so a build running meanwhile elsewhere never sees a half dist/.
// The repository's LICENSE is copied into the package's folder, where npm packs a package's licence from.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const COPIED = new Set([".js", ".mjs", ".json", ".txt"]);
const copied = (source) => !extname(source) || COPIED.has(extname(source)) || source.endsWith(".d.ts") || source.endsWith(".d.mts");

const { rootDir, outDir } = JSON.parse(readFileSync("tsconfig.build.json", "utf8")).compilerOptions;
const dist = outDir.split("/")[0];
// A sibling of dist/: the source maps' relative paths to src/ hold after the rename.
const staging = `.${dist}-${process.pid}`;
const stagedOut = join(staging, relative(dist, outDir));
try {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", stagedOut], { stdio: "inherit" });
  cpSync(rootDir, stagedOut, { recursive: true, filter: copied });
  rmSync(dist, { recursive: true, force: true });
  renameSync(staging, dist);
  cpSync(join(dirname(fileURLToPath(import.meta.url)), "../LICENSE"), "LICENSE");
} catch (error) {
  // tsc has printed its errors: its exit status is the build's.
  if (typeof error?.status !== "number") throw error;
  process.exitCode = error.status;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
