import type { Context } from "../function/context.js";
import { pastDeadline } from "../function/deadline.js";
import type { QueueHandler } from "../function/handlers.js";
import type { Message, MessageFailure, QueueEvent } from "../function/message.js";
import { describe } from "../http/describe.js";
import { inSpan } from "../observability/spans.js";

/** Handles one message of its type. Throw PoisonMessage when no retry can succeed; any other error is retried. */
export type MessageConsumer = (event: QueueEvent, context: Context) => Promise<void>;

/** A message that can never succeed, however often it is retried: it goes to the dead-letter destination. */
export class PoisonMessage extends Error {
  override name = "PoisonMessage";
}

/**
 * Routes each message to the consumer for its `type`. A body that is not JSON, has no `type`,
 * or has a type no consumer takes is poison; each message succeeds or fails alone.
 */
export function routeMessages(topic: string, consumers: Readonly<Record<string, MessageConsumer>>): QueueHandler {
  async function handle(message: Message, context: Context): Promise<MessageFailure | undefined> {
    return inSpan(`process ${topic}`, "consumer", message.attributes?.traceparent, async (traceparent, { traceId, spanId }) => {
      const logger = context.logger.child({ messageId: message.id, attempt: message.attempt, traceId, spanId });
      try {
        if (pastDeadline(context.deadline)) throw new Error("not enough time left before the deadline");
        const event = parseEvent(message.body);
        const consume = Object.hasOwn(consumers, event.type) ? consumers[event.type] : undefined;
        if (!consume) throw new PoisonMessage(`no consumer for message type ${JSON.stringify(event.type)} on ${topic}`);
        const { requestId, cloud, deadline, metrics } = context;
        await consume(event, { requestId, cloud, deadline, logger, metrics, traceparent, principal: undefined });
        return undefined;
      } catch (error) {
        const retryable = !(error instanceof PoisonMessage);
        logger[retryable ? "warn" : "error"]("message failed", { retryable, error: describe(error) });
        context.metrics?.record("FailedMessages", 1, "Count");
        return { id: message.id, retryable };
      }
    });
  }

  return async function consume(messages, context) {
    const outcomes = await Promise.all(messages.map((message) => handle(message, context)));
    return { failed: outcomes.filter((failure) => failure !== undefined) };
  };
}

function parseEvent(body: string): QueueEvent {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new PoisonMessage("message body is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || typeof (value as { type?: unknown }).type !== "string") {
    throw new PoisonMessage("message body is not a JSON object with a string type");
  }
  return value as QueueEvent;
}
