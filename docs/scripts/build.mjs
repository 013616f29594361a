// `npm run docs:build`: the pages generated from the repository (the API reference from the packages'
// TSDoc, the deploy and package READMEs), then the static site in docs/.vitepress/dist. Offline:
// nothing here or in the site reaches the network.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "vitepress";
import { writeApiReference } from "./api-reference.mjs";
import { writeRepositoryPages } from "./repository-pages.mjs";

const docs = join(import.meta.dirname, "..");
const started = Date.now();
const reference = await writeApiReference(join(docs, "reference"));
const { deploy, packages } = writeRepositoryPages();
// The sidebar's generated sections, read by .vitepress/config.mts.
writeFileSync(
  join(docs, ".vitepress", "generated.json"),
  `${JSON.stringify({ deploy, packages, reference: reference.map((specifier) => ({ text: specifier, link: `/reference/${specifier}` })) }, null, 2)}\n`,
);
await build(docs);
console.log(`docs: built in ${((Date.now() - started) / 1000).toFixed(1)} s, ${reference.length} API entry points`);
