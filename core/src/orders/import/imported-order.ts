import { createHash } from "node:crypto";
import type { Context } from "../../function/context.js";
import type { HttpRequest } from "../../function/http.js";
import { readJsonBody } from "../../http/body.js";
import { type FieldError, Problem } from "../../http/problem.js";
import { OrderExists } from "../storage/order-exists.js";
import { orderIdOf } from "../ids.js";
import { storeNewOrder } from "../create-order.js";
import type { OrderDeps } from "../deps.js";
import { scopedIdempotencyKey } from "../idempotency.js";
import { validateNewOrder } from "../validation.js";

/** What became of one order of a file: made now, found made by an earlier delivery, or its field errors. */
export type ImportOutcome = "created" | "replayed" | FieldError[];

/** The order an import key makes: the same key (file, content, line or orderRef), the same id, on every delivery. */
export function importedOrderId(key: string): string {
  return orderIdOf(createHash("sha256").update(`order-of:${key}`).digest());
}

/**
 * The ids a file's orders are created under, by import key: derived from it; but where the file's
 * import began before orders were created this way (each under an Idempotency-Key record of the
 * import key, its id drawn at random, the record kept 24 hours), the id that record reserved, so a
 * redelivery after the upgrade finds the orders made before it. The first order's key tells which:
 * one read a file, and one an order for such files only. (Needless once no record of an import
 * made before one-call imports can remain: a day after every deployment runs this version.)
 */
export function importedOrderIds(deps: Pick<OrderDeps, "idempotency">, context: Context): (key: string) => Promise<string> {
  const reservedBy = (key: string) => deps.idempotency.reserved(scopedIdempotencyKey(key, context.principal));
  let keyed: Promise<boolean> | undefined;
  return async (key) => {
    if (keyed === undefined) {
      const first = reservedBy(key);
      keyed = first.then((id) => id !== undefined);
      keyed.catch(() => undefined); // the first order's own call fails with it
      return (await first) ?? importedOrderId(key);
    }
    return ((await keyed) && (await reservedBy(key))) || importedOrderId(key);
  };
}

/**
 * One order of a file, in one store call: a `create` of the order under the id its import key
 * names (`importedOrderIds`), so the store's create-if-absent is the import's idempotency, with no key record beside it.
 * Taken, the id holds this very order (made by an earlier or an overlapping delivery) and is left
 * as it is now, confirmed or shipped; a crash between two creates loses nothing, since each is whole.
 * Why not `putMany` after a read of the window: it is an upsert, so a delivery overlapping this one
 * could make the order and the confirm change it between our read and our write, which would put it
 * back to pending (and announce it again); and the port has no batch read, so the read alone costs
 * one call per order. The API's path held a key record per order: begin (get, create), the order's
 * create, complete (get, put), five calls where this is one, and one read a file
 * (`npm run bench -- --only=import-calls`).
 */
export async function createImportedOrder(deps: OrderDeps, context: Context, body: Uint8Array, id: () => Promise<string>): Promise<ImportOutcome> {
  const request: HttpRequest = { method: "POST", path: "/orders", query: new URLSearchParams(), headers: { "content-type": "application/json" }, body };
  try {
    const input = validateNewOrder(readJsonBody(request));
    if (!input.ok) return input.errors;
    await storeNewOrder(deps, context, input.value, await id());
    return "created";
  } catch (error) {
    if (error instanceof OrderExists) return "replayed";
    if (!(error instanceof Problem) || error.status >= 500) throw error; // the store: the whole import is retried, and replays what it made
    return error.errors ?? [{ path: "", message: error.detail }];
  }
}
