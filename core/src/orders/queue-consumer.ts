import type { Context } from "../function/context.js";
import type { BatchResult, Message, MessageFailure } from "../function/message.js";
import { describe } from "../http/describe.js";
import { DEADLINE_RESERVE_MS } from "../http/handle.js";
import { VersionConflict } from "../ports/errors.js";
import { ORDER_ID_PATTERN } from "../ports/ids.js";
import type { OrderDeps } from "./deps.js";
import { withStatus } from "./status.js";

/** A message that can never succeed, however often it is retried. */
class PoisonMessage extends Error {}

const CONFIRM_ATTEMPTS = 3;

/**
 * order.created -> confirmed. Each message succeeds or fails alone; a duplicate delivery finds
 * the order already past pending and does nothing.
 */
export function orderQueueConsumer(deps: Pick<OrderDeps, "orders" | "clock">) {
  async function confirm(orderId: string) {
    for (let attempt = 1; attempt <= CONFIRM_ATTEMPTS; attempt++) {
      const order = await deps.orders.get(orderId);
      if (!order || order.status !== "pending") return;
      try {
        await deps.orders.update(withStatus(order, "confirmed", deps.clock.now()), order.version);
        return;
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
      }
    }
    throw new Error(`order ${orderId} kept changing while being confirmed`);
  }

  return async function queue(messages: readonly Message[], context: Context): Promise<BatchResult> {
    const failed: MessageFailure[] = [];
    await Promise.all(
      messages.map(async (message) => {
        const logger = context.logger.child({ messageId: message.id, attempt: message.attempt });
        try {
          if (context.deadline !== undefined && context.deadline - Date.now() < DEADLINE_RESERVE_MS) {
            throw new Error("not enough time left before the deadline");
          }
          const orderId = parseOrderCreated(message.body);
          await confirm(orderId);
          logger.info("order confirmed", { orderId });
        } catch (error) {
          const retryable = !(error instanceof PoisonMessage);
          failed.push({ id: message.id, retryable });
          logger[retryable ? "warn" : "error"]("message failed", { retryable, error: describe(error) });
        }
      }),
    );
    return { failed };
  };
}

function parseOrderCreated(body: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new PoisonMessage("message body is not JSON");
  }
  const { type, orderId } = (value ?? {}) as { type?: unknown; orderId?: unknown };
  if (type !== "order.created") throw new PoisonMessage(`unknown message type ${JSON.stringify(type)}`);
  if (typeof orderId !== "string" || !ORDER_ID_PATTERN.test(orderId)) {
    throw new PoisonMessage("order.created without a valid orderId");
  }
  return orderId;
}
