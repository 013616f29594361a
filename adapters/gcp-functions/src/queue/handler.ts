import type { CloudEventFunction } from "@google-cloud/functions-framework";
import { describeError, type Lazy, type Message, type QueueHandler } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { MalformedPushEvent, RedeliverMessage } from "../errors.js";
import { fromPushEvent } from "./push-event.js";

/** The log line of a message no delivery can make succeed. */
export const POISON_REFUSED = "poison message not acknowledged: the subscription's dead-letter policy moves it to the dead-letter topic";

/**
 * A CloudEvent function for Pub/Sub push (one message per event). Any failure throws, so the
 * framework answers 500 and Pub/Sub redelivers, until the subscription's dead-letter policy
 * (a bounded number of attempts) moves the message to the dead-letter topic, where an alert tells
 * a person. A poison message goes that way too, logged: acknowledging it would drop it.
 */
export function gcpQueueHandler(queue: Lazy<QueueHandler>, options: AdapterOptions): CloudEventFunction<unknown> {
  return async (event) => {
    let message: Message;
    try {
      message = fromPushEvent(event);
    } catch (error) {
      if (!(error instanceof MalformedPushEvent)) throw error;
      // Not a Pub/Sub message at all (a trigger wired to the wrong source): refused, never dropped.
      options.logger.error("push event refused: not a Pub/Sub message", { eventId: event?.id, error: describeError(error) });
      throw error;
    }
    const traceparent = message.attributes?.traceparent ?? event.traceparent;
    const context = toContext({ requestId: message.id, traceparent: typeof traceparent === "string" ? traceparent : undefined }, options);
    // A service that cannot start (its store unreachable) throws here too: the message is redelivered.
    const { failed } = await (await queue())([message], context);
    const failure = failed.find((f) => f.id === message.id);
    if (!failure) return;
    if (!failure.retryable) {
      context.logger.error(POISON_REFUSED, {
        messageId: message.id,
        attempt: message.attempt,
        body: message.body.slice(0, 1024), // enough to recognise it; a poison body may be huge
        subscription: subscriptionOf(event.data),
      });
    }
    throw new RedeliverMessage(message.id, message.attempt);
  };
}

function subscriptionOf(data: unknown): string | undefined {
  const subscription = (data as { subscription?: unknown } | null | undefined)?.subscription;
  return typeof subscription === "string" ? subscription : undefined;
}
