import type { DocumentsRow } from "./measure.js";

export const DOCUMENTS_HEADER = ["store", "operation", "portable µs", "raw SDK µs", "portable / raw", "spread over rounds"];

const us = (value: number) => (value < 100 ? value.toFixed(1) : value.toFixed(0));

/** One row's cells, for the printed table (`x`) and README's (`×`) alike. */
export function documentsCells(row: DocumentsRow, times = "x"): string[] {
  const spread = `${row.ratioMin.toFixed(2)}–${row.ratioMax.toFixed(2)}${times}`;
  return [row.store, row.operation, us(row.portableUs), us(row.rawUs), `${row.ratio.toFixed(2)}${times}`, spread];
}
