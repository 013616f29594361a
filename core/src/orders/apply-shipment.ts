import { PoisonMessage } from "../app/queue-router.js";
import type { StreamConsumer } from "../app/stream-processor.js";
import { VersionConflict } from "../ports/errors.js";
import type { OrderDeps } from "./deps.js";
import type { Order } from "./order.js";
import { shipmentDispatched } from "./shipment.js";
import { withStatus } from "./status.js";

const SHIP_ATTEMPTS = 3;

/** A shipment for an order that is not confirmed yet: retried, since the confirmation may still be on its way. */
export class OrderNotConfirmed extends Error {
  override name = "OrderNotConfirmed";
}

/**
 * `shipment.dispatched` -> a confirmed order becomes `shipped` and keeps the shipment. The same
 * shipment again changes nothing; a pending order is retried; an unknown or cancelled order, one
 * shipped by another shipment, and an invalid record are poison.
 */
export function applyShipment(deps: Pick<OrderDeps, "orders" | "clock">): StreamConsumer {
  return async (event, context) => {
    const { orderId, shipment } = shipmentDispatched(event.data);
    for (let attempt = 1; attempt <= SHIP_ATTEMPTS; attempt++) {
      const order = await deps.orders.get(orderId);
      if (!shippable(order, orderId, shipment.shipmentId)) {
        context.logger.info("shipment already applied", { orderId, shipmentId: shipment.shipmentId });
        return;
      }
      try {
        await deps.orders.update({ ...withStatus(order, "shipped", deps.clock.now()), shipment }, order.version);
        context.logger.info("order shipped", { orderId, shipmentId: shipment.shipmentId });
        context.metrics?.record("OrdersShipped", 1, "Count");
        return;
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
      }
    }
    throw new Error(`order ${orderId} kept changing while being shipped`);
  };
}

/** True when the order is confirmed; false when this shipment already shipped it; otherwise throws why it cannot be. */
function shippable(order: Order | null, orderId: string, shipmentId: string): order is Order {
  if (!order) throw new PoisonMessage(`shipment for unknown order ${orderId}`);
  switch (order.status) {
    case "confirmed":
      return true;
    case "pending":
      throw new OrderNotConfirmed(`order ${orderId} is not confirmed yet`);
    case "cancelled":
      throw new PoisonMessage(`shipment for cancelled order ${orderId}`);
    case "shipped":
      if (order.shipment?.shipmentId === shipmentId) return false;
      throw new PoisonMessage(`order ${orderId} was shipped by another shipment`);
  }
}
