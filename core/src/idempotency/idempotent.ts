import { createHash, randomUUID } from "node:crypto";
import type { Context } from "../function/context.js";
import type { HttpRequest, HttpResponse } from "../function/http.js";
import type { Clock } from "../ports/clock.js";
import { IdempotencyRecordMissing } from "../ports/errors.js";
import type { IdempotencyStore } from "../ports/idempotency-store.js";
import { keyInFlight, keyMismatch, replay, sameBody, storedResponse } from "./answer.js";
import { IDEMPOTENCY_TTL_MS, IN_FLIGHT_LEASE_MS, fingerprint, scopedIdempotencyKey, validIdempotencyKey } from "./keys.js";

/** Where an app's idempotent routes keep their keys, and the time they read. */
export interface IdempotencyKeys {
  store: IdempotencyStore;
  clock: Clock;
}

/**
 * Runs a POST under its Idempotency-Key, as the order API does: the first request holds the key
 * while it runs (a lease of IN_FLIGHT_LEASE_MS, then another attempt may take it over); a 2xx
 * answer is kept for 24 hours and replayed with `Idempotent-Replayed: true`; 409
 * `idempotency-in-flight` while another attempt holds it, 422 `idempotency-mismatch` for a
 * different body; keys are the caller's own (scoped to the principal). Any other answer, or an
 * error, releases the key so that the client may retry. Without the header, `run` just runs.
 */
export async function answerIdempotently(
  keys: IdempotencyKeys,
  request: HttpRequest,
  context: Context,
  run: () => Promise<HttpResponse>,
): Promise<HttpResponse> {
  const key = validIdempotencyKey(request.headers["idempotency-key"]);
  if (key === undefined) return run();
  const { store, clock } = keys;
  const scoped = scopedIdempotencyKey(key, context.principal);
  const bodyHash = bodyFingerprint(request.body);
  const now = clock.now();
  const begun = await store.begin(scoped, `${bodyHash}.${randomUUID()}`, new Date(now.getTime() + IN_FLIGHT_LEASE_MS), now);
  if (!begun.started) {
    const { existing } = begun;
    if (existing.state === "in-flight") throw keyInFlight();
    if (!sameBody(existing, bodyHash)) throw keyMismatch();
    context.logger.info("idempotent replay");
    context.metrics?.record("IdempotentReplays", 1, "Count");
    return replay(existing.response!);
  }
  const release = () => store.release(scoped).catch((error: unknown) => context.logger.warn("idempotency key not released", { error: String(error) }));
  let response: HttpResponse;
  try {
    response = await run();
  } catch (error) {
    await release();
    throw error;
  }
  if (response.status < 200 || response.status > 299) {
    await release();
    return response;
  }
  await store.complete(scoped, storedResponse(response), new Date(clock.now().getTime() + IDEMPOTENCY_TTL_MS)).catch((error: unknown) => {
    // Its lease ran out and another attempt took the key over: this answer stands for this request.
    if (!(error instanceof IdempotencyRecordMissing)) throw error;
  });
  return response;
}

/** "The same body": the same JSON value when the body is JSON (key order and whitespace do not matter), else the same bytes. */
function bodyFingerprint(body: Uint8Array | undefined): string {
  const bytes = body ?? new Uint8Array();
  try {
    return fingerprint(JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")));
  } catch {
    return createHash("sha256").update("bytes:").update(bytes).digest("hex");
  }
}
