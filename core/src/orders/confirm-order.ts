import { PoisonMessage, type MessageConsumer } from "../app/queue-router.js";
import type { QueueEvent } from "../function/message.js";
import { VersionConflict } from "../ports/errors.js";
import { ORDER_ID_PATTERN } from "./ids.js";
import type { OrderDeps } from "./deps.js";
import { withStatus } from "./status.js";

const CONFIRM_ATTEMPTS = 3;

/**
 * `order.created` -> the order is confirmed. A duplicate delivery finds the order already past
 * pending and does nothing; a message without a valid orderId is poison.
 */
export function confirmOrder(deps: Pick<OrderDeps, "orders" | "clock">): MessageConsumer {
  /** True when this delivery confirmed the order; false when there was nothing to do. */
  async function confirm(orderId: string): Promise<boolean> {
    for (let attempt = 1; attempt <= CONFIRM_ATTEMPTS; attempt++) {
      const order = await deps.orders.get(orderId);
      if (order?.status !== "pending") return false;
      try {
        await deps.orders.update(withStatus(order, "confirmed", deps.clock.now()), order.version);
        return true;
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
      }
    }
    throw new Error(`order ${orderId} kept changing while being confirmed`);
  }

  return async (event, context) => {
    const orderId = orderIdOf(event);
    const confirmed = await confirm(orderId);
    context.logger.info(confirmed ? "order confirmed" : "order already past pending", { orderId });
    if (confirmed) context.metrics?.record("OrdersConfirmed", 1, "Count");
  };
}

function orderIdOf(event: QueueEvent): string {
  const { orderId } = event;
  if (typeof orderId !== "string" || !ORDER_ID_PATTERN.test(orderId)) throw new PoisonMessage(`${event.type} without a valid orderId`);
  return orderId;
}
