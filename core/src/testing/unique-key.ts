import { randomBytes } from "node:crypto";

/** A key no other test uses (`<label>_<12 hex digits>`), so that suites can share one store or cache. */
export function uniqueKey(label: string): string {
  return `${label}_${randomBytes(6).toString("hex")}`;
}
