import { readdir } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

// Every other module in this folder builds one deployment target (local, aws, gcp, azure).
const here = dirname(fileURLToPath(import.meta.url));
const targets = (await readdir(here)).filter((f) => f.endsWith(".mjs") && !["index.mjs", "common.mjs"].includes(f));
const only = process.argv.slice(2);
for (const file of targets.sort()) {
  const name = file.replace(/\.mjs$/, "");
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  await (await import(`./${file}`)).default();
  console.log(`built ${name} in ${Date.now() - started} ms`);
}
