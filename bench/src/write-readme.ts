import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./bundles/deployed-bundles.js";
import { writeReadmeSection } from "./readme.js";
import type { BenchResults } from "./results.js";

// `npm run readme`: README's Performance section from the last bench/results.json, without measuring again.
writeReadmeSection(JSON.parse(readFileSync(join(REPO, "bench/results.json"), "utf8")) as BenchResults);
