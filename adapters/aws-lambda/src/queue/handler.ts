import type { Context as LambdaContext, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { toContext } from "../context.js";
import { UnsupportedEvent } from "../errors.js";
import type { Lazy, QueueHandler } from "@skyport/core";
import type { AdapterOptions } from "../options.js";
import { fromXRayHeader, invocationTraceHeader } from "../trace.js";
import { isSqsEvent, toSqsBatchResponse, fromSqsEvent } from "./sqs-event.js";

/** A Lambda handler of SQS batches that answers the failed messages (partial batch response). */
export type LambdaQueueHandler = (event: SQSEvent, lambda: LambdaContext) => Promise<SQSBatchResponse>;

/**
 * An SQS batch -> the neutral queue handler -> the failed messages only. If the service cannot
 * start, the handler throws and SQS redelivers the whole batch.
 */
export function lambdaQueueHandler(queue: Lazy<QueueHandler>, options: AdapterOptions): LambdaQueueHandler {
  return async (event, lambda) => {
    if (!isSqsEvent(event)) throw new UnsupportedEvent("SQS");
    const header = invocationTraceHeader();
    const context = toContext(lambda, options, { traceparent: header === undefined ? undefined : fromXRayHeader(header) });
    const messages = fromSqsEvent(event);
    const result = await (await queue())(messages, context);
    for (const failure of result.failed) {
      if (failure.retryable) continue;
      const attempt = messages.find((m) => m.id === failure.id)?.attempt;
      context.logger.error("poison message; SQS redelivers it until maxReceiveCount, then moves it to the dead-letter queue", {
        messageId: failure.id,
        attempt,
      });
    }
    return toSqsBatchResponse(result);
  };
}
