import type { FieldError } from "../../http/problem.js";

/** One order of a file that was not created: its line (1-based; a CSV's header is line 1) and the API's field errors. */
export interface RejectedOrder {
  line: number;
  orderRef?: string;
  errors: FieldError[];
}

/** `reports/<name>.json` after an import. */
export type ImportReport =
  | { object: string; contentHash: string; created: number; replayed: number; rejected: RejectedOrder[] }
  /** The file refused whole: nothing of it was imported. */
  | { object: string; contentHash?: string; error: string };

export const REPORTS = "reports/";

/** `imports/2026/a.csv` -> `reports/2026/a.csv.json`: the object's name below its top folder. */
export function reportNameOf(object: string): string {
  return `${REPORTS}${object.slice(object.indexOf("/") + 1)}.json`;
}
