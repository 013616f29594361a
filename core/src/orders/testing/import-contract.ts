import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueCustomer } from "./orders.js";

/** A runtime with its bucket: the import function is triggered by what `drop` writes there. */
export interface ImportTarget {
  /**
   * Writes `imports/<name>` into the runtime's bucket and has the function handle its event
   * (the cloud's event, built as the cloud builds it); resolves once the function is done.
   */
  drop(name: string, content: Uint8Array): Promise<void>;
  /** Delivers the last event of `imports/<name>` again, as a cloud's at-least-once delivery does. */
  redeliver(name: string): Promise<void>;
  /** `reports/<name>.json`, parsed. */
  report(name: string): Promise<unknown>;
  /** How many orders the customer has. */
  countOrders(customerId: string): Promise<number>;
  close?(): Promise<void>;
}

/** The lines of the import contract's file. */
export const IMPORT_LINES = 1000;
/** The lines (1-based) the contract's file breaks, each in its own way. */
export const INVALID_LINES = [3, 100, 101, 250, 400, 555, 700, 801, 999, 1000] as const;

/** A 1,000-line JSONL import with 10 invalid lines, all for one customer. */
export function importFile(customerId: string, lines = IMPORT_LINES): { content: Uint8Array; invalid: Map<number, string> } {
  const breakers: ((line: number) => string)[] = [
    () => "{not json",
    () => JSON.stringify({ customerId, currency: "eur", items: [{ sku: "SKU-1", quantity: 1, unitPrice: 100 }] }),
    () => JSON.stringify({ customerId, currency: "EUR", items: [] }),
    () => JSON.stringify({ customerId, currency: "EUR", items: [{ sku: "SKU-1", quantity: 0, unitPrice: 100 }] }),
    () => JSON.stringify({ currency: "EUR", items: [{ sku: "SKU-1", quantity: 1, unitPrice: 100 }] }),
    () => JSON.stringify([1, 2, 3]),
    () => JSON.stringify({ customerId, currency: "EUR", items: [{ sku: "SKU 1", quantity: 1, unitPrice: 100 }] }),
    () => JSON.stringify({ customerId, currency: "EUR", items: [{ sku: "SKU-1", quantity: 1, unitPrice: -1 }] }),
    () => JSON.stringify({ customerId, currency: "EUR", items: [{ sku: "SKU-1", quantity: 1, unitPrice: 100 }], extra: true }),
    () => "null",
  ];
  const invalid = new Map<number, string>();
  const rows: string[] = [];
  for (let line = 1; line <= lines; line++) {
    const broken = INVALID_LINES.indexOf(line as (typeof INVALID_LINES)[number]);
    if (broken >= 0) {
      rows.push(breakers[broken]!(line));
      invalid.set(line, rows[line - 1]!);
    } else rows.push(JSON.stringify({ customerId, currency: "EUR", items: [{ sku: `SKU-${line}`, quantity: 1 + (line % 5), unitPrice: 100 * line }] }));
  }
  return { content: Buffer.from(`${rows.join("\n")}\n`), invalid };
}

interface Report {
  object: string;
  contentHash: string;
  created: number;
  replayed: number;
  rejected: { line: number; errors: { path: string; message: string }[] }[];
}

/**
 * Issue 14's "done when", on a runtime: a 1,000-line file with 10 invalid lines creates 990
 * orders and a report naming the 10 lines; the same file dropped again, or its event delivered
 * again, creates nothing; a changed file under the same name is a new import.
 */
export function importContract(name: string, factory: () => Promise<ImportTarget> | ImportTarget) {
  describe(`import contract: ${name}`, () => {
    let target: ImportTarget;
    beforeAll(async () => {
      target = await factory();
    });
    afterAll(async () => {
      await target?.close?.();
    });

    it("creates 990 orders of a 1,000-line file with 10 invalid lines, reports those 10; again, or redelivered, nothing new", async () => {
      const customerId = uniqueCustomer();
      const file = `orders ${customerId}.jsonl`;
      const { content, invalid } = importFile(customerId);

      await target.drop(file, content);
      const first = (await target.report(file)) as Report;
      expect(await target.countOrders(customerId)).toBe(990);
      expect(first).toMatchObject({ object: `imports/${file}`, created: 990, replayed: 0 });
      expect(first.contentHash).toMatch(/^[a-z0-9]+:\S+$/);
      expect(first.rejected.map((r) => r.line)).toEqual([...invalid.keys()]);
      for (const rejected of first.rejected) expect(rejected.errors.length, `line ${rejected.line}`).toBeGreaterThan(0);
      expect(first.rejected.find((r) => r.line === 250)?.errors).toEqual([{ path: "/items/0/quantity", message: "must be an integer from 1 to 1000" }]);

      await target.drop(file, content);
      expect(await target.report(file)).toMatchObject({ created: 0, replayed: 990, rejected: first.rejected });
      await target.redeliver(file);
      expect(await target.report(file)).toMatchObject({ created: 0, replayed: 990 });
      expect(await target.countOrders(customerId)).toBe(990);

      // The same name, other content: a new import.
      await target.drop(file, importFile(customerId, 3).content);
      expect(await target.report(file)).toMatchObject({ created: 2, replayed: 0, rejected: [{ line: 3 }] });
      expect(await target.countOrders(customerId)).toBe(992);
    });
  });
}
