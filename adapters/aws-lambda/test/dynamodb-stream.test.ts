import { describe, expect, it } from "vitest";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { silentLogger, type Change, type ChangesHandler } from "@skyport/core";
import { UnsupportedEvent, lambdaChangesHandler } from "../src/index.js";
import sqsFixture from "../src/testing/fixtures/sqs-event.json" with { type: "json" };
import { lambdaContext } from "../src/testing/index.js";

// The event shape AWS documents for a DynamoDB Streams trigger ("Using AWS Lambda with Amazon DynamoDB",
// StreamViewType NEW_AND_OLD_IMAGES); the outbox tests build the same shape from DynamoDB Local's GetRecords.
const ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/skyport-orders/stream/2026-11-27T00:00:00.000";
const item = (status: string, version: number) => ({
  pk: { S: "ORDER#ord_01JD0000000000000000000001" },
  id: { S: "ord_01JD0000000000000000000001" },
  status: { S: status },
  version: { N: String(version) },
  tags: { SS: ["gift"] },
});
const record = (eventName: DynamoDBRecord["eventName"], sequence: string, images: Partial<NonNullable<DynamoDBRecord["dynamodb"]>>): DynamoDBRecord => ({
  eventID: `c4ca4238a0b923820dcc509a6f75849${sequence.slice(-1)}`,
  eventName,
  eventVersion: "1.1",
  eventSource: "aws:dynamodb",
  awsRegion: "us-east-1",
  dynamodb: {
    ApproximateCreationDateTime: 1795687200,
    Keys: { pk: { S: "ORDER#ord_01JD0000000000000000000001" } },
    SequenceNumber: sequence,
    SizeBytes: 112,
    StreamViewType: "NEW_AND_OLD_IMAGES",
    ...images,
  },
  eventSourceARN: ARN,
});
const batch: DynamoDBStreamEvent = {
  Records: [
    record("INSERT", "111", { NewImage: item("pending", 1) }),
    record("MODIFY", "222", { NewImage: item("confirmed", 2), OldImage: item("pending", 1) }),
    record("REMOVE", "333", { OldImage: item("confirmed", 2) }), // TTL expiry: not handed on
  ],
};

function capturing(failIds: string[] = []) {
  const seen: Change[][] = [];
  const handler: ChangesHandler = async (changes) => {
    seen.push(changes);
    return { failed: failIds.map((id) => ({ id, retryable: true })) };
  };
  return { seen, changes: lambdaChangesHandler(async () => handler, { logger: silentLogger }) };
}

describe("DynamoDB Streams batch -> neutral changes", () => {
  it("hands on INSERT and MODIFY in the stream's order as plain JSON, with the old image, and leaves out REMOVE", async () => {
    const { seen, changes } = capturing();
    expect(await changes(batch, lambdaContext())).toEqual({ batchItemFailures: [] });
    const document = (status: string, version: number) => ({
      pk: "ORDER#ord_01JD0000000000000000000001",
      id: "ord_01JD0000000000000000000001",
      status,
      version,
      tags: ["gift"],
    });
    const committedAt = "2026-11-26T10:00:00.000Z";
    expect(seen).toEqual([
      [
        { id: "111", key: "ORDER#ord_01JD0000000000000000000001", operation: "insert", document: document("pending", 1), committedAt },
        {
          id: "222",
          key: "ORDER#ord_01JD0000000000000000000001",
          operation: "update",
          document: document("confirmed", 2),
          previous: document("pending", 1),
          committedAt,
        },
      ],
    ]);
  });

  it("reports a failed change by its SequenceNumber, the checkpoint Lambda resumes the shard from", async () => {
    const { changes } = capturing(["222"]);
    expect(await changes(batch, lambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: "222" }] });
  });

  it("answers a batch of deletes only without calling the function", async () => {
    const { seen, changes } = capturing();
    expect(await changes({ Records: [batch.Records[2]!] }, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([]);
  });

  it("throws, so that Lambda retries the batch, on a record without its new image (a stream not NEW_AND_OLD_IMAGES)", async () => {
    const { seen, changes } = capturing();
    const keysOnly = record("INSERT", "444", { StreamViewType: "KEYS_ONLY" });
    await expect(changes({ Records: [keysOnly] }, lambdaContext())).rejects.toThrow(/NEW_AND_OLD_IMAGES/);
    expect(seen).toEqual([]);
  });

  it("refuses an event that is not a DynamoDB Streams batch", async () => {
    const { changes } = capturing();
    await expect(changes(sqsFixture as unknown as DynamoDBStreamEvent, lambdaContext())).rejects.toBeInstanceOf(UnsupportedEvent);
  });
});
