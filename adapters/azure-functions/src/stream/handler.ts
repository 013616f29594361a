import type { EventHubHandler, StorageQueueOutput } from "@azure/functions";
import { redeliverStream, type Lazy, type StreamHandler } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { fromEventHubBatch, toDeadLetterMessage } from "./event-hub-batch.js";

/** Tries of a key within one invocation: the Event Hubs trigger never delivers a batch again. */
export const STREAM_ATTEMPTS = 3;
const BACKOFF_MS = 200;

/** An event hub function's bindings: the event hub it consumes, and the queue its dead letters go to. */
export interface StreamBinding {
  stream: string;
  /** The Storage queue output where what still fails is written (`<stream>-stream-poison`). */
  deadLetters: StorageQueueOutput;
}

/**
 * An Event Hubs batch (cardinality many) -> the neutral stream handler. The host checkpoints
 * whatever the function does, so the function delivers a failed key again itself (bounded, within
 * the invocation's deadline, core's `redeliverStream`) and writes what still fails, and poison, to
 * the dead-letter queue, which an alert watches: nothing is dropped silently.
 */
export function azureStreamHandler(handler: Lazy<StreamHandler>, options: AdapterOptions, binding: StreamBinding): EventHubHandler {
  return async (messages, invocation) => {
    const context = toContext(invocation, options);
    const records = fromEventHubBatch(messages, invocation);
    const consume: StreamHandler = async (pending, ctx) => (await handler())(pending, ctx);
    const letters = await redeliverStream(consume, records, context, { maxAttempts: STREAM_ATTEMPTS, backoffMs: BACKOFF_MS });
    if (letters.length === 0) return;
    context.logger.error("stream records dead-lettered", { stream: binding.stream, count: letters.length });
    context.metrics?.record("DeadLetteredRecords", letters.length, "Count");
    invocation.extraOutputs.set(
      binding.deadLetters,
      letters.map((letter) => toDeadLetterMessage(binding.stream, letter)),
    );
  };
}
