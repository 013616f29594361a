import { describe, expect, it } from "vitest";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { routeChanges, silentLogger, type Change, type ChangesHandler } from "@skyport/core";
import { UnsupportedEvent, lambdaChangesHandler } from "../src/index.js";
import sqsFixture from "../src/testing/fixtures/sqs-event.json" with { type: "json" };
import { lambdaContext } from "../src/testing/index.js";

// The event shape AWS documents for a DynamoDB Streams trigger ("Using AWS Lambda with Amazon DynamoDB",
// StreamViewType NEW_AND_OLD_IMAGES), its images in @skyport/dynamodb's item layout (the key field, the
// document's JSON text in $document, its version in $version); the outbox tests build the same from DynamoDB Local's GetRecords.
const ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-11-27T00:00:00.000";
const ID = "ord_01JD0000000000000000000001";
const order = (status: string, version: number) => ({ id: ID, status, version });
const item = (status: string, version: number) => ({
  id: { S: ID },
  $document: { S: JSON.stringify(order(status, version)) },
  $version: { S: `v${version}` },
  "$by-status:status": { S: status },
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
    Keys: { id: { S: ID } },
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
    record("REMOVE", "333", { OldImage: item("confirmed", 2) }),
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
  it("hands on every record in the stream's order as plain JSON: INSERT, MODIFY with the old image, REMOVE as a delete of the old image", async () => {
    const { seen, changes } = capturing();
    expect(await changes(batch, lambdaContext())).toEqual({ batchItemFailures: [] });
    const image = (status: string, version: number) => ({
      id: ID,
      $document: JSON.stringify(order(status, version)),
      $version: `v${version}`,
      "$by-status:status": status,
      tags: ["gift"],
    });
    const committedAt = "2026-11-26T10:00:00.000Z";
    expect(seen).toEqual([
      [
        { id: "111", key: ID, operation: "insert", document: image("pending", 1), committedAt },
        { id: "222", key: ID, operation: "update", document: image("confirmed", 2), previous: image("pending", 1), committedAt },
        { id: "333", key: ID, operation: "delete", document: image("confirmed", 2), committedAt },
      ],
    ]);
  });

  it("gives core's change router the documents the items hold, with their versions, deletes included", async () => {
    const consumed: Change[] = [];
    const router = routeChanges("orders", async (change) => {
      consumed.push(change);
    });
    const changes = lambdaChangesHandler(async () => router, { logger: silentLogger });
    expect(await changes(batch, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(consumed.map(({ operation, document, version, previous }) => ({ operation, document, version, previous }))).toEqual([
      { operation: "insert", document: order("pending", 1), version: "v1", previous: undefined },
      { operation: "update", document: order("confirmed", 2), version: "v2", previous: order("pending", 1) },
      { operation: "delete", document: order("confirmed", 2), version: "v2", previous: undefined },
    ]);
  });

  it("hands on a REMOVE record without its old image as a delete of its keys", async () => {
    const { seen, changes } = capturing();
    await changes({ Records: [record("REMOVE", "444", {})] }, lambdaContext());
    expect(seen).toEqual([[{ id: "444", key: ID, operation: "delete", document: { id: ID }, committedAt: "2026-11-26T10:00:00.000Z" }]]);
  });

  it("reports a failed change by its SequenceNumber, the checkpoint Lambda resumes the shard from", async () => {
    const { changes } = capturing(["222"]);
    expect(await changes(batch, lambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: "222" }] });
  });

  it("throws, so that Lambda retries the batch, on a record without its new image (a stream not NEW_AND_OLD_IMAGES)", async () => {
    const { seen, changes } = capturing();
    const keysOnly = record("INSERT", "555", { StreamViewType: "KEYS_ONLY" });
    await expect(changes({ Records: [keysOnly] }, lambdaContext())).rejects.toThrow(/NEW_AND_OLD_IMAGES/);
    expect(seen).toEqual([]);
  });

  it("refuses an event that is not a DynamoDB Streams batch", async () => {
    const { changes } = capturing();
    await expect(changes(sqsFixture as unknown as DynamoDBStreamEvent, lambdaContext())).rejects.toBeInstanceOf(UnsupportedEvent);
  });
});
