import { measureInvocations } from "./invocation/index.js";
import { measureColdStarts } from "./cold-start/index.js";
import { bundleSizes } from "./bundles/bundle-sizes.js";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const quick = process.argv.includes("--quick");
const result = await measureInvocations(quick ? { ops: 20, rounds: 1, warmup: 1 } : { ops: arg("ops", 2000), rounds: arg("rounds", 7), warmup: arg("warmup", 2) });
for (const row of result.rows) console.log(row.cloud, row.event, row.layer, row.note ?? "", Math.round(row.nsPerOp), row.ratio?.toFixed(2));
console.log(JSON.stringify(bundleSizes(), null, 1));
const cold = await measureColdStarts(quick ? 1 : 15, quick ? 0 : 2);
for (const row of cold.rows) console.log(row.cloud, row.layer, row.inProcessMs.toFixed(1), row.wallMs.toFixed(1));
