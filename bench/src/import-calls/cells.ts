import type { ImportCallsRow } from "./measure.js";

export const IMPORT_CALLS_HEADER = ["store", "path", "orders", "calls per order, first delivery", "calls per order, delivered again"];

const perOrder = ({ perOrder, byCall }: ImportCallsRow["first"]) =>
  `${perOrder.toFixed(2)} (${Object.entries(byCall)
    .map(([call, count]) => `${call} ${count}`)
    .join(", ")})`;

/** One row's cells, for the printed table and README's alike. */
export function importCallsCells(row: ImportCallsRow): string[] {
  return [row.store, row.path, String(row.orders), perOrder(row.first), perOrder(row.again)];
}
