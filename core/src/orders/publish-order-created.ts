import type { ChangeConsumer } from "../app/change-router.js";
import type { Change } from "../function/change.js";
import { ORDER_ID_PATTERN } from "./ids.js";
import type { OrderDeps } from "./deps.js";

/**
 * The orders collection's change feed -> `order.created` on the orders queue, for every order
 * that was committed (the outbox: the store's own record of the write, not the HTTP function,
 * announces it). At least once: a redelivered change publishes again, which `confirm` ignores.
 */
export function publishOrderCreated(deps: Pick<OrderDeps, "events">): ChangeConsumer {
  return async (change, context) => {
    const orderId = createdOrderId(change);
    if (orderId === undefined) return;
    await deps.events.publish({ type: "order.created", orderId }, context.traceparent);
    context.metrics?.record("OrderEventsPublished", 1, "Count");
    context.logger.info("order.created published", { orderId });
  };
}

/**
 * The id of the order to announce for this change, else undefined: an update, or a record that is
 * not an order. The Cosmos DB change feed
 * (latest-version mode, `write`) hands on only an item's latest version: an order written again
 * before the trigger read it (a cancel, a PATCH) arrives past its first version, which is never
 * seen. So every `write` of an order announces it, whatever its version or status: at least once,
 * as always, and `confirm` does nothing for an order past pending. A scan's `update` (the local
 * server on an emulator) shows a creation by the order's first version.
 */
function createdOrderId(change: Change): string | undefined {
  const { document, operation } = change;
  const created = operation === "insert" || operation === "write" || (operation !== "delete" && document.version === 1);
  if (!created) return undefined;
  const orderId = typeof document.id === "string" ? document.id : change.key;
  return ORDER_ID_PATTERN.test(orderId) ? orderId : undefined;
}
