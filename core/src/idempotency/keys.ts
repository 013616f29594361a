import { createHash } from "node:crypto";
import { invalid } from "../http/problem.js";
import { canonicalJson } from "../json/canonical-json.js";

export const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long an attempt holds its key before another may take it over: past any request's deadline
 * (API Gateway's is 29 s), and short, so a crashed attempt blocks its client's retry for seconds,
 * not minutes. A takeover makes the same reserved order, so one that comes early makes no second.
 */
export const IN_FLIGHT_LEASE_MS = 30 * 1000;

export function validIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw invalid([{ path: "Idempotency-Key", message: "must be 1-255 visible ASCII characters" }]);
  }
  return header;
}

/** The stored key: scoped to the principal when there is one, and safe as an id in every store. */
export function scopedIdempotencyKey(key: string, principal: string | undefined): string {
  return createHash("sha256")
    .update(JSON.stringify([principal ?? null, key]))
    .digest("hex");
}

/** "The same body" means the same JSON value: key order and whitespace do not matter. */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
