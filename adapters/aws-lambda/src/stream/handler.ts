import type { Context as LambdaContext, KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import { describeError, type Lazy, type StreamFailure, type StreamHandler } from "@skyport/core";
import { toContext } from "../context.js";
import { UnsupportedEvent } from "../errors.js";
import type { AdapterOptions } from "../options.js";
import { fromXRayHeader, invocationTraceHeader } from "../trace.js";
import type { StreamDeadLetters } from "./dead-letters.js";
import { fromKinesisStreamEvent, isKinesisStreamEvent, toKinesisBatchResponse } from "./kinesis-event.js";

/** A Lambda handler of Kinesis batches that answers the records to deliver again. */
export type LambdaStreamHandler = (event: KinesisStreamEvent, lambda: LambdaContext) => Promise<KinesisStreamBatchResponse>;

/**
 * A Kinesis batch -> the neutral stream handler -> the records to deliver again. Poison records
 * go to the dead-letter queue now and the shard goes on; if they cannot be kept there (no queue
 * configured, SQS refused), they are reported failed instead, so that the mapping's bounded
 * retries and its on-failure destination take them: never dropped. If the service cannot start,
 * the handler throws and Lambda delivers the batch again.
 */
export function lambdaStreamHandler(
  stream: Lazy<StreamHandler>,
  options: AdapterOptions,
  deadLetters: StreamDeadLetters | undefined = options.streamDeadLetters,
): LambdaStreamHandler {
  return async (event, lambda) => {
    if (!isKinesisStreamEvent(event)) throw new UnsupportedEvent("Kinesis");
    const header = invocationTraceHeader();
    const context = toContext(lambda, options, { traceparent: header === undefined ? undefined : fromXRayHeader(header) });
    const records = fromKinesisStreamEvent(event);
    const { failed } = await (await stream())(records, context);
    const poison = failed.filter((failure) => !failure.retryable);
    const kept = await keep(poison);
    return toKinesisBatchResponse(failed.filter((failure) => failure.retryable || !kept));

    async function keep(dead: StreamFailure[]): Promise<boolean> {
      if (dead.length === 0) return true;
      const source = event.Records[0]!.eventSourceARN;
      const positions = dead.map((failure) => failure.position);
      if (!deadLetters) {
        context.logger.error("poison records reported failed: no dead-letter queue (SKYPORT_STREAM_DEAD_LETTERS); the on-failure destination takes them", {
          positions,
        });
        return false;
      }
      try {
        await deadLetters.send(
          records.filter((record) => positions.includes(record.position)),
          source,
        );
        context.logger.error("poison records sent to the dead-letter queue", { positions });
        context.metrics?.record("DeadLetteredRecords", dead.length, "Count");
        return true;
      } catch (error) {
        context.logger.error("dead-letter queue refused the poison records: reported failed", { positions, error: describeError(error) });
        return false;
      }
    }
  };
}
