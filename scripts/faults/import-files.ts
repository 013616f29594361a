import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { History, ImportHistory } from "./history.js";
import { type SeededRandom, sleep } from "./seeded-random.js";

/** Drops a CSV in the bucket's imports/ every second or two, written whole (a hidden name, then renamed), as an upload completes. */
export async function dropImports(bucket: string, random: SeededRandom, history: History, phase: { creating: boolean }): Promise<void> {
  const folder = join(bucket, "imports");
  await mkdir(folder, { recursive: true });
  for (let n = 1; phase.creating; n++) {
    const name = `fault-${n}.csv`;
    const file: ImportHistory = {
      object: `imports/${name}`,
      customerId: `cus_import_${n}`,
      refs: Array.from({ length: random.int(2, 8) }, (_, i) => `IMP-${n}-${i + 1}`),
      invalidRef: `IMP-${n}-BAD`,
    };
    const rows = file.refs.map((ref) => `${ref},${file.customerId},EUR,${ref},${random.int(1, 9)},${random.int(0, 5000)}`);
    // Quantity 0: rejected by POST /orders' own validation, reported, never an order.
    rows.splice(random.int(0, rows.length), 0, `${file.invalidRef},${file.customerId},EUR,${file.invalidRef},0,10`);
    const partial = join(folder, `.${name}.partial`);
    await writeFile(partial, `orderRef,customerId,currency,sku,quantity,unitPrice\n${rows.join("\n")}\n`);
    await rename(partial, join(folder, name));
    history.imports.push(file);
    await sleep(random.int(800, 2000));
  }
}
