import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { envReader, type Env, type StreamRecord } from "@skyport/core";

/** The queue the stream function sends poison records to: SKYPORT_STREAM_DEAD_LETTERS, set by the template. */
export const DEAD_LETTERS_VARIABLE = "SKYPORT_STREAM_DEAD_LETTERS";
const QUEUE_URL = /^https?:\/\/[^/\s]+\/\d{12}\/[A-Za-z0-9_-]{1,80}$/;
/** SendMessageBatch takes at most 10 entries. */
const SQS_BATCH = 10;

/** Where records that no retry can apply go now, so that the batch and their key go on. */
export interface StreamDeadLetters {
  /** Resolves once every record is kept; rejects if any was not. */
  send(records: StreamRecord[], source: string): Promise<void>;
}

/** The SQS message of a dead record: enough to find it on the stream and to replay it. */
export function deadLetterBody(record: StreamRecord, source: string): string {
  return JSON.stringify({ source, partitionKey: record.key, sequenceNumber: record.position, data: record.data, reason: "poison" });
}

/** Sends poison records to one SQS queue, with a client made on the first send (none at cold start). */
export class SqsStreamDeadLetters implements StreamDeadLetters {
  private client?: SQSClient;

  constructor(
    private readonly makeClient: () => SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(records: StreamRecord[], source: string): Promise<void> {
    this.client ??= this.makeClient();
    for (let start = 0; start < records.length; start += SQS_BATCH) {
      const entries = records.slice(start, start + SQS_BATCH).map((record, i) => ({ Id: String(start + i), MessageBody: deadLetterBody(record, source) }));
      const { Failed } = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
      if (Failed?.length) throw new Error(`SQS kept ${entries.length - Failed.length} of ${entries.length} dead letters (${Failed[0]!.Code})`);
    }
  }
}

/** The function's dead-letter queue from its environment, or undefined where none is configured. */
export function sqsStreamDeadLetters(env: Env): StreamDeadLetters | undefined {
  const read = envReader(env);
  if (read.optional(DEAD_LETTERS_VARIABLE) === undefined) return undefined;
  const queueUrl = read.string(DEAD_LETTERS_VARIABLE, undefined, QUEUE_URL, "an SQS queue URL such as https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE");
  return new SqsStreamDeadLetters(() => new SQSClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 } }), queueUrl);
}
