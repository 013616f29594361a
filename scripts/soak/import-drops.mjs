// Now and then a JSON Lines file dropped into the local bucket folder's imports/, as a user copies one
// in; every third drop is an earlier file again, which the import replays without creating anything.
import { mkdirSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ORDERS_PER_FILE = 5;

/** Drops a file every `everyMs` into `bucketDir`; `stop()` ends the drops and returns how many were dropped. */
export function startImportDrops(bucketDir, everyMs) {
  const imports = join(bucketDir, "imports");
  mkdirSync(imports, { recursive: true });
  let dropped = 0;
  const names = new Set();
  const drop = () => {
    const n = dropped % 3 === 2 ? dropped - 1 : dropped;
    const lines = Array.from({ length: ORDERS_PER_FILE }, (_, i) =>
      JSON.stringify({ customerId: `cus_import_${n % 10}`, items: [{ sku: `IMP-${i}`, quantity: 1 + i, unitPrice: 250 }], currency: "EUR" }),
    );
    // Written beside imports/ and renamed in, so the watcher never reads half a file.
    const staged = join(bucketDir, `staged-${dropped}.jsonl`);
    writeFileSync(staged, `${lines.join("\n")}\n`);
    renameSync(staged, join(imports, `soak-${n}.jsonl`));
    names.add(`soak-${n}.jsonl`);
    dropped++;
  };
  const timer = setInterval(drop, everyMs);
  const reported = () => readdirSync(join(bucketDir, "reports")).filter((name) => names.has(name.replace(/\.json$/, ""))).length;
  return {
    /** Ends the drops, then waits up to `settleMs` for every distinct file's report (each import writes one when done). */
    async stop(settleMs) {
      clearInterval(timer);
      for (const until = Date.now() + settleMs; reported() < names.size && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
      return { dropped, files: names.size, reported: reported() };
    },
  };
}
