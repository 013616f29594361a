import { randomUUID } from "node:crypto";
import type { Context } from "../function/context.js";
import type { HttpRequest, HttpResponse } from "../function/http.js";
import { readJsonBody } from "../http/body.js";
import { Problem, invalid } from "../http/problem.js";
import type { StoredResponse } from "../ports/idempotency-store.js";
import type { OrderDeps } from "./deps.js";
import { IDEMPOTENCY_TTL_MS, IN_FLIGHT_LEASE_MS, fingerprint, scopedIdempotencyKey, validIdempotencyKey } from "./idempotency.js";
import { newOrder, type Order } from "./order.js";
import { validateNewOrder } from "./validation.js";

/**
 * POST /orders. With an Idempotency-Key: the first request holds the key while it runs, a 2xx
 * answer is kept for replay, and an error releases the key so that the client may retry.
 */
export async function createOrderIdempotently(
  deps: OrderDeps,
  request: HttpRequest,
  context: Context,
  respond: (order: Order) => HttpResponse,
): Promise<HttpResponse> {
  const body = readJsonBody(request);
  const key = validIdempotencyKey(request.headers["idempotency-key"]);
  const input = validateNewOrder(body);
  if (!input.ok) throw invalid(input.errors);

  const create = async () => {
    const order = newOrder(input.value, deps.ids.orderId(), deps.clock.now());
    await deps.orders.create(order);
    // No publish here: the store's change feed announces the committed order (publishOrderCreated).
    context.logger.info("order created", { orderId: order.id });
    context.metrics?.record("OrdersCreated", 1, "Count");
    return respond(order);
  };
  if (key === undefined) return create();

  const { idempotency, clock } = deps;
  const scoped = scopedIdempotencyKey(key, context.principal);
  const bodyHash = fingerprint(body);
  // The record names this attempt too, so a retried begin whose first try landed knows it is ours.
  const claim = `${bodyHash}.${randomUUID()}`;
  const now = clock.now();
  const begun = await idempotency.begin(scoped, claim, new Date(now.getTime() + IN_FLIGHT_LEASE_MS), now);
  if (!begun.started) {
    const { existing } = begun;
    if (existing.state === "in-flight") {
      throw new Problem("idempotency-in-flight", "A request with this Idempotency-Key is still running.");
    }
    if (existing.fingerprint.split(".", 1)[0] !== bodyHash) {
      throw new Problem("idempotency-mismatch", "This Idempotency-Key was used with a different body.");
    }
    context.logger.info("idempotent replay");
    context.metrics?.record("IdempotentReplays", 1, "Count");
    return replay(existing.response!);
  }
  let response: HttpResponse;
  try {
    response = await create();
  } catch (error) {
    await idempotency.release(scoped).catch((releaseError: unknown) => context.logger.warn("idempotency key not released", { error: String(releaseError) }));
    throw error;
  }
  const stored: StoredResponse = { status: response.status, headers: { ...response.headers }, body: response.body };
  await idempotency.complete(scoped, stored, new Date(clock.now().getTime() + IDEMPOTENCY_TTL_MS));
  return response;
}

function replay(stored: StoredResponse): HttpResponse {
  return { status: stored.status, headers: { ...stored.headers, "idempotent-replayed": "true" }, body: stored.body };
}
