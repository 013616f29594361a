import type { LambdaChangesHandler } from "@skyport/aws-lambda";
import { dynamoDbStreamEvent, lambdaContext } from "@skyport/aws-lambda/testing";
import { dynamoDbStreamReader } from "@skyport/dynamodb/testing";

/** Deliveries of a batch before it goes to the on-failure destination (the template's MaximumRetryAttempts is larger). */
const ATTEMPTS = 3;

/**
 * The orders table's stream feeding the outbox function, as Lambda's event source mapping does it: the
 * event built from what DynamoDB Local's GetRecords returns, a reported failure read again from its
 * SequenceNumber (the checkpoint), a batch that fails every attempt set aside (the on-failure queue).
 */
export function streamRelay(endpoint: string, table: string, outbox: LambdaChangesHandler) {
  const reader = dynamoDbStreamReader(endpoint, table);
  const failedBatches: string[][] = [];
  return {
    failedBatches,
    /** Hands every committed change to the outbox function; returns the invocations' responses. */
    async settle() {
      const responses = [];
      for (let attempt = 1; ; attempt++) {
        const records = await reader.read();
        if (records.length === 0) return responses;
        const event = dynamoDbStreamEvent(
          records[0]!.streamArn,
          records.map((r) => r.record),
        );
        const response = await outbox(event, lambdaContext({ functionName: "skyport-orders-outbox" }));
        responses.push(response);
        // Lambda resumes the shard from the lowest failed sequence number.
        const [checkpoint] = response.batchItemFailures.map((f) => f.itemIdentifier).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
        if (checkpoint === undefined) {
          attempt = 0;
          continue;
        }
        if (attempt >= ATTEMPTS) {
          failedBatches.push(records.map((r) => r.record.dynamodb!.SequenceNumber!));
          return responses;
        }
        reader.rewind(checkpoint);
      }
    },
    close: () => reader.close(),
  };
}
