import { canonicalJson } from "../../json/canonical-json.js";
import type { Order } from "../order.js";
import { OrderExists } from "./order-exists.js";
import { VersionConflict } from "../../ports/errors.js";
import type { BeginResult, IdempotencyStore } from "../../ports/idempotency-store.js";
import type { OrderStore } from "../order-store.js";
import { STORE_RETRY, retryUnavailable, type RetryPolicy } from "../../ports/retry.js";

const same = (a: Order | null, b: Order) => a !== null && canonicalJson(a) === canonicalJson(b);

/**
 * An OrderStore that retries transient failures. A write whose answer was lost may have
 * landed: on a retry, a conflict that shows our own write in the store counts as success.
 */
export function retryingOrderStore(store: OrderStore, policy: RetryPolicy = STORE_RETRY): OrderStore {
  const retry = <T>(call: (attempt: number) => Promise<T>) => retryUnavailable(call, policy);
  return {
    get: (id, options) => retry(() => store.get(id, options)),
    listByCustomer: (customerId, page) => retry(() => store.listByCustomer(customerId, page)),
    listByStatus: (query) => retry(() => store.listByStatus(query)),
    // On a first try a conflict is the answer; only a retry asks whether it met its own lost write.
    create: (order) =>
      retry((attempt) =>
        attempt === 1
          ? store.create(order)
          : store.create(order).catch(async (error: unknown) => {
              if (!(error instanceof OrderExists && same(await store.get(order.id), order))) throw error;
            }),
      ),
    update: (order, expectedVersion) =>
      retry((attempt) =>
        attempt === 1
          ? store.update(order, expectedVersion)
          : store.update(order, expectedVersion).catch(async (error: unknown) => {
              if (!(error instanceof VersionConflict && same(await store.get(order.id), order))) throw error;
            }),
      ),
    delete: (id, expectedVersion) =>
      retry((attempt) =>
        attempt === 1
          ? store.delete(id, expectedVersion)
          : store.delete(id, expectedVersion).catch(async (error: unknown) => {
              if (!(error instanceof VersionConflict && (await store.get(id)) === null)) throw error;
            }),
      ),
  };
}

/**
 * Retries transient failures. A begin whose answer was lost may have landed: on a retry, an
 * in-flight record with our own fingerprint (unique per attempt) means we hold the key.
 */
export function retryingIdempotencyStore(store: IdempotencyStore, policy: RetryPolicy = STORE_RETRY): IdempotencyStore {
  const retry = <T>(call: (attempt: number) => Promise<T>) => retryUnavailable(call, policy);
  return {
    begin: (key, fingerprint, leaseUntil, now, resource) =>
      retry(async (attempt): Promise<BeginResult> => {
        const result = await store.begin(key, fingerprint, leaseUntil, now, resource);
        if (result.started || attempt === 1) return result;
        const { existing } = result;
        const ours = existing.state === "in-flight" && existing.fingerprint === fingerprint;
        return ours ? { started: true, ...(existing.resource !== undefined && { resource: existing.resource }) } : result;
      }),
    complete: (...args) => retry(() => store.complete(...args)),
    release: (key) => retry(() => store.release(key)),
    reserved: (key) => retry(() => store.reserved(key)),
  };
}
