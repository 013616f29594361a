import { StoreUnavailable } from "@skyport/core";
import { isUnavailable } from "../sdk-errors.js";

/** The package's SDK-error mapping, plus contention: a write that met a running transaction wrote nothing and may be tried again. */
export function documentStoreError(error: unknown): unknown {
  const name = (error as { name?: unknown } | null)?.name;
  return isUnavailable(error) || name === "TransactionConflictException" ? new StoreUnavailable(error) : error;
}
