import { randomUUID } from "node:crypto";
import type { Context } from "../function/context.js";
import type { HttpRequest, HttpResponse } from "../function/http.js";
import { canonicalJson } from "../json/canonical-json.js";
import { IdempotencyRecordMissing } from "../ports/errors.js";
import { OrderExists } from "./storage/order-exists.js";
import type { IdempotencyRecord } from "../ports/idempotency-store.js";
import { keyInFlight, keyMismatch, replay, sameBody, storedResponse as stored } from "../idempotency/answer.js";
import { IDEMPOTENCY_TTL_MS, IN_FLIGHT_LEASE_MS, fingerprint, scopedIdempotencyKey, validIdempotencyKey } from "../idempotency/keys.js";
import type { OrderDeps } from "./deps.js";
import { newOrder, type NewOrder, type Order } from "./order.js";

/**
 * POST /orders, its body checked. With an Idempotency-Key: the first request holds the key while it runs, a 2xx
 * answer is kept for replay, and an error releases the key so that the client may retry.
 */
export async function createOrderIdempotently(
  deps: OrderDeps,
  input: NewOrder,
  request: HttpRequest,
  context: Context,
  respond: (order: Order) => HttpResponse,
): Promise<HttpResponse> {
  const key = validIdempotencyKey(request.headers["idempotency-key"]);
  const create = async (id: string) => respond(await storeNewOrder(deps, context, input, id));
  if (key === undefined) return create(deps.ids.orderId());

  const { idempotency, clock } = deps;
  const scoped = scopedIdempotencyKey(key, context.principal);
  const bodyHash = fingerprint(input);
  // The record names this attempt too, so a retried begin whose first try landed knows it is ours.
  const claim = `${bodyHash}.${randomUUID()}`;
  const now = clock.now();
  // The order id is reserved with the key: whichever attempt makes the order, it is this one.
  const begun = await idempotency.begin(scoped, claim, new Date(now.getTime() + IN_FLIGHT_LEASE_MS), now, deps.ids.orderId());
  if (!begun.started) return answerHeldKey(deps, begun.existing, bodyHash, scoped, context, respond);
  let response: HttpResponse;
  try {
    response = await createOnce(deps, begun.resource ?? deps.ids.orderId(), input, create, respond);
  } catch (error) {
    await idempotency.release(scoped).catch((releaseError: unknown) => context.logger.warn("idempotency key not released", { error: String(releaseError) }));
    throw error;
  }
  await idempotency.complete(scoped, stored(response), new Date(clock.now().getTime() + IDEMPOTENCY_TTL_MS)).catch((error: unknown) => {
    // Another attempt found this order committed and completed the key with it: the same answer stands.
    if (!(error instanceof IdempotencyRecordMissing)) throw error;
  });
  return response;
}

/** Writes a new order under `id` (`OrderExists` if the id is taken): the API's create and the bulk import's. */
export async function storeNewOrder(deps: Pick<OrderDeps, "orders" | "clock">, context: Context, input: NewOrder, id: string): Promise<Order> {
  const order = newOrder(input, id, deps.clock.now());
  await deps.orders.create(order);
  // No publish here: the store's change feed announces the committed order (publishOrderCreated).
  context.logger.info("order created", { orderId: order.id });
  context.metrics?.record("OrdersCreated", 1, "Count");
  return order;
}

/**
 * Creates the key's reserved order. One already there was made by an earlier attempt under the
 * same key whose answer was lost (a crash, a timeout): the same order is the answer, not a second.
 */
async function createOnce(
  deps: OrderDeps,
  id: string,
  input: NewOrder,
  create: (id: string) => Promise<HttpResponse>,
  respond: (order: Order) => HttpResponse,
): Promise<HttpResponse> {
  try {
    return await create(id);
  } catch (error) {
    if (!(error instanceof OrderExists)) throw error;
    const existing = await deps.orders.get(id);
    if (!existing || !sameOrder(existing, input)) throw keyMismatch();
    return respond(existing);
  }
}

/** A key held by another attempt: its kept answer, or 409 while it runs, unless its order is already committed. */
async function answerHeldKey(
  deps: OrderDeps,
  existing: IdempotencyRecord,
  bodyHash: string,
  scoped: string,
  context: Context,
  respond: (order: Order) => HttpResponse,
): Promise<HttpResponse> {
  if (existing.state === "in-flight") {
    // The attempt holding the key made its order and then lost its answer (a crash): the order is the answer.
    const committed = existing.resource === undefined ? null : await deps.orders.get(existing.resource);
    if (!committed) throw keyInFlight();
    if (!sameBody(existing, bodyHash)) throw keyMismatch();
    const response = respond(committed);
    await deps.idempotency.complete(scoped, stored(response), new Date(deps.clock.now().getTime() + IDEMPOTENCY_TTL_MS)).catch((error: unknown) => {
      // The first attempt completed it meanwhile: its answer stands.
      if (!(error instanceof IdempotencyRecordMissing)) throw error;
    });
    context.logger.info("idempotent answer of an earlier attempt's order", { orderId: committed.id });
    return replay(stored(response));
  }
  if (!sameBody(existing, bodyHash)) throw keyMismatch();
  context.logger.info("idempotent replay");
  context.metrics?.record("IdempotentReplays", 1, "Count");
  return replay(existing.response!);
}

/** Whether an order is the one these inputs make (what an earlier attempt with the same body created). */
function sameOrder(order: Order, input: NewOrder): boolean {
  return canonicalJson([order.customerId, order.currency, order.items]) === canonicalJson([input.customerId, input.currency, input.items]);
}
