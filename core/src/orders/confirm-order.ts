import type { Context } from "../function/context.js";
import type { BatchResult, Message, MessageFailure } from "../function/message.js";
import { describe } from "../http/describe.js";
import { inSpan } from "../observability/spans.js";
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
  /** True when this delivery confirmed the order; false when there was nothing to do. */
  async function confirm(orderId: string): Promise<boolean> {
    for (let attempt = 1; attempt <= CONFIRM_ATTEMPTS; attempt++) {
      const order = await deps.orders.get(orderId);
      if (!order || order.status !== "pending") return false;
      try {
        await deps.orders.update(withStatus(order, "confirmed", deps.clock.now()), order.version);
        return true;
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
      }
    }
    throw new Error(`order ${orderId} kept changing while being confirmed`);
  }

  async function handle(message: Message, context: Context): Promise<MessageFailure | undefined> {
    return inSpan("order.created process", "consumer", message.attributes?.traceparent, async (_traceparent, { traceId, spanId }) => {
      const logger = context.logger.child({ messageId: message.id, attempt: message.attempt, traceId, spanId });
      try {
        if (context.deadline !== undefined && context.deadline - Date.now() < DEADLINE_RESERVE_MS) {
          throw new Error("not enough time left before the deadline");
        }
        const orderId = parseOrderCreated(message.body);
        const confirmed = await confirm(orderId);
        logger.info(confirmed ? "order confirmed" : "order already past pending", { orderId, ...(confirmed && { metrics: { OrdersConfirmed: 1 } }) });
        return undefined;
      } catch (error) {
        const retryable = !(error instanceof PoisonMessage);
        logger[retryable ? "warn" : "error"]("message failed", { retryable, error: describe(error), metrics: { FailedMessages: 1 } });
        return { id: message.id, retryable };
      }
    });
  }

  return async function queue(messages: readonly Message[], context: Context): Promise<BatchResult> {
    const outcomes = await Promise.all(messages.map((message) => handle(message, context)));
    return { failed: outcomes.filter((failure) => failure !== undefined) };
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
