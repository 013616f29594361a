import type { ChangesHandler, Lazy } from "@skyport/core";
import type { Context as LambdaContext, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { toContext } from "../context.js";
import { UnsupportedEvent } from "../errors.js";
import type { AdapterOptions } from "../options.js";
import { fromXRayHeader, invocationTraceHeader } from "../trace.js";
import { fromDynamoDbStreamEvent, isDynamoDbStreamEvent, toStreamBatchResponse } from "./dynamodb-stream-event.js";

/** A Lambda handler of DynamoDB Streams batches that answers the failed records. */
export type LambdaChangesHandler = (event: DynamoDBStreamEvent, lambda: LambdaContext) => Promise<DynamoDBBatchResponse>;

/**
 * A DynamoDB Streams batch -> the neutral changes handler -> the failed records only. If the
 * service cannot start, the handler throws and Lambda retries the batch (bisecting it), within
 * the mapping's MaximumRetryAttempts, then sends it to the on-failure destination.
 */
export function lambdaChangesHandler(handler: Lazy<ChangesHandler>, options: AdapterOptions): LambdaChangesHandler {
  return async (event, lambda) => {
    if (!isDynamoDbStreamEvent(event)) throw new UnsupportedEvent("changes");
    const header = invocationTraceHeader();
    const context = toContext(lambda, options, { traceparent: header === undefined ? undefined : fromXRayHeader(header) });
    const changes = await fromDynamoDbStreamEvent(event);
    if (changes.length === 0) return { batchItemFailures: [] };
    return toStreamBatchResponse(await (await handler())(changes, context));
  };
}
