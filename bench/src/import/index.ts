import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A 512 MB function: its heap as Lambda's Node runtime sizes it for that memory, and the RSS it must stay under. */
export const FUNCTION_MB = 512;
const HEAP_MB = 448;

export interface ImportRow {
  mode: "skyport" | "hand";
  created: number;
  rejected: number;
  ms: number;
  ordersPerSecond: number;
  peakRssMb: number;
  /** Whether the peak RSS stayed under a 512 MB function's memory. */
  within512Mb: boolean;
}

export interface ImportResult {
  fileBytes: number;
  lines: number;
  rows: ImportRow[];
}

/** One JSONL file of `bytes`, every 100th line invalid (a lowercase currency). */
function writeImportFile(path: string, bytes: number): number {
  const chunk: string[] = [];
  let written = 0;
  let lines = 0;
  const flush = () => {
    writeFileSync(path, chunk.join(""), { flag: "a" });
    chunk.length = 0;
  };
  while (written < bytes) {
    lines += 1;
    const line = `${JSON.stringify({
      customerId: `cus_${lines % 5000}`,
      currency: lines % 100 === 0 ? "eur" : "EUR",
      items: [
        { sku: `SKU-${lines % 977}`, quantity: 1 + (lines % 7), unitPrice: 100 + (lines % 10_000) },
        { sku: "SHIPPING", quantity: 1, unitPrice: 495 },
      ],
    })}\n`;
    chunk.push(line);
    written += Buffer.byteLength(line);
    if (chunk.length === 10_000) flush();
  }
  flush();
  return lines;
}

/**
 * `npm run bench`'s bulk import: a 100 MB JSONL file imported by the object function (core's
 * import: a checking pass, then every order through POST /orders' create path) and by a
 * hand-written import, each in a child process with a 512 MB function's heap, which reports its
 * time and its peak RSS (getrusage). The stores keep nothing: a cloud's store is another service.
 */
export function measureImport(quick: boolean): ImportResult {
  const dir = mkdtempSync(join(tmpdir(), "skyport-import-bench-"));
  try {
    mkdirSync(join(dir, "imports"));
    const file = join(dir, "imports", "orders.jsonl");
    const lines = writeImportFile(file, quick ? 1024 * 1024 : 100 * 1024 * 1024);
    const child = fileURLToPath(new URL("./import-run.mjs", import.meta.url));
    const rows = (["hand", "skyport"] as const).map((mode) => {
      const out = execFileSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, child, mode, file], { encoding: "utf8", maxBuffer: 1024 * 1024 });
      const run = JSON.parse(out.trim().split("\n").at(-1)!) as Omit<ImportRow, "ordersPerSecond" | "within512Mb">;
      return { ...run, ordersPerSecond: Math.round(run.created / (run.ms / 1000)), within512Mb: run.peakRssMb < FUNCTION_MB };
    });
    const result = { fileBytes: statSync(file).size, lines, rows };
    for (const row of rows)
      process.stderr.write(
        `bench: import ${(result.fileBytes / 1024 / 1024).toFixed(0)} MB (${lines} lines), ${row.mode}: ${row.created} created, ${row.rejected} rejected, ` +
          `${row.ordersPerSecond} orders/s, peak RSS ${row.peakRssMb.toFixed(0)} MB (${row.within512Mb ? "within" : "OVER"} ${FUNCTION_MB} MB)\n`,
      );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
