import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./bundles/deployed-bundles.js";
import { writeReadmeSection } from "./readme.js";
import type { BenchResults } from "./results.js";
import { targets } from "./targets.js";

// `npm run readme`: README's Performance section from the last bench/results.json, without measuring
// again; the targets are judged anew from its figures, so that both files say the same.
const path = join(REPO, "bench/results.json");
const results = JSON.parse(readFileSync(path, "utf8")) as BenchResults;
results.targets = targets(results);
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
writeReadmeSection(results);
