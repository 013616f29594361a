import type { CloudEventFunction } from "@google-cloud/functions-framework";
import { describeError, type Lazy, type Message, type QueueHandler } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { MalformedPushEvent, RedeliverMessage } from "../errors.js";
import { fromPushEvent } from "./push-event.js";

/**
 * A CloudEvent function for Pub/Sub push (one message per event). Pub/Sub semantics: a retryable
 * failure throws, the framework answers 500 and Pub/Sub redelivers (until the subscription's
 * dead-letter policy takes the message); a poison message is acknowledged and logged, since no
 * redelivery can make it succeed.
 */
export function gcpQueueHandler(queue: Lazy<QueueHandler>, options: AdapterOptions): CloudEventFunction<unknown> {
  return async (event) => {
    let message: Message;
    try {
      message = fromPushEvent(event);
    } catch (error) {
      if (!(error instanceof MalformedPushEvent)) throw error;
      options.logger.error("push event acknowledged without processing", { eventId: event?.id, error: describeError(error) });
      return;
    }
    const traceparent = message.attributes?.traceparent ?? event.traceparent;
    const context = toContext(options, message.id, typeof traceparent === "string" ? traceparent : undefined);
    // A service that cannot start (its store unreachable) throws here too: the message is redelivered.
    const { failed } = await (await queue())([message], context);
    const failure = failed.find((f) => f.id === message.id);
    if (!failure) return;
    if (failure.retryable) throw new RedeliverMessage(message.id, message.attempt);
    context.logger.error("poison message acknowledged, not retried", {
      messageId: message.id,
      attempt: message.attempt,
      body: message.body.slice(0, 1024), // enough to recognise it; a poison body may be huge
      subscription: subscriptionOf(event.data),
    });
  };
}

function subscriptionOf(data: unknown): string | undefined {
  const subscription = (data as { subscription?: unknown } | null | undefined)?.subscription;
  return typeof subscription === "string" ? subscription : undefined;
}
