import { measureInvocations } from "./invocation/index.js";

const quick = process.argv.includes("--quick");
const result = await measureInvocations(quick ? { ops: 20, rounds: 1, warmup: 1 } : { ops: 2000, rounds: 7, warmup: 2 });
for (const row of result.rows) console.log(row.cloud, row.event, row.layer, row.note ?? "", Math.round(row.nsPerOp), row.ratio?.toFixed(2));
