import { describe, expect, it } from "vitest";
import type { SQSEvent } from "aws-lambda";
import { silentLogger, type BatchResult, type Message } from "@skyport/core";
import { UnsupportedEvent, isSqsEvent, lambdaQueueHandler, toSqsBatchResponse, fromSqsEvent } from "../src/index.js";
import fixture from "../src/testing/fixtures/sqs-event.json" with { type: "json" };
import { lambdaContext, sqsEvent } from "../src/testing/index.js";

describe("SQS batch -> Message[]", () => {
  it("translates the captured sample: id, body, receive count as attempt, string attributes", () => {
    const event = fixture as unknown as SQSEvent;
    expect(isSqsEvent(event)).toBe(true);
    expect(fromSqsEvent(event)).toEqual([
      { id: "MessageID_1", body: "Message Body", attempt: 2, attributes: { Attribute1: "AttributeValue1", Attribute2: "123" } },
    ]);
  });

  it("keeps the publisher's traceparent, else turns SQS's AWSTraceHeader into one", () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const [sent, traced] = fromSqsEvent(
      sqsEvent([
        { id: "a", body: "{}", attributes: { traceparent }, awsTraceHeader: "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Parent=53995c3f42cd8ad8;Sampled=1" },
        { id: "b", body: "{}", awsTraceHeader: "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Parent=53995c3f42cd8ad8;Sampled=1" },
      ]),
    );
    expect(sent!.attributes!.traceparent).toBe(traceparent);
    expect(traced!.attributes!.traceparent).toBe("00-5e9f0c651de4d666d4dd26aced652b6c-53995c3f42cd8ad8-01");
  });

  it("counts a first delivery as attempt 1", () => {
    expect(fromSqsEvent(sqsEvent([{ id: "a", body: "x" }]))[0]!.attempt).toBe(1);
    expect(fromSqsEvent(sqsEvent([{ id: "a", body: "x", attempt: 4 }]))[0]!.attempt).toBe(4);
  });
});

describe("BatchResult -> partial batch response", () => {
  it("reports every failed message, poison or not, and nothing else", () => {
    const result: BatchResult = {
      failed: [
        { id: "m2", retryable: true },
        { id: "m3", retryable: false },
      ],
    };
    expect(toSqsBatchResponse(result)).toEqual({ batchItemFailures: [{ itemIdentifier: "m2" }, { itemIdentifier: "m3" }] });
    expect(toSqsBatchResponse({ failed: [] })).toEqual({ batchItemFailures: [] });
  });
});

describe("the Lambda SQS handler", () => {
  it("hands the whole batch to the queue function and answers with its failures", async () => {
    let given: Message[] = [];
    const queue = async (messages: Message[]): Promise<BatchResult> => {
      given = messages;
      return { failed: messages.filter((m) => m.body === "poison").map((m) => ({ id: m.id, retryable: false })) };
    };
    const handler = lambdaQueueHandler(async () => queue, { logger: silentLogger });
    const response = await handler(
      sqsEvent([
        { id: "ok", body: "fine" },
        { id: "bad", body: "poison", attempt: 3 },
      ]),
      lambdaContext(),
    );
    expect(given.map((m) => [m.id, m.attempt])).toEqual([
      ["ok", 1],
      ["bad", 3],
    ]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "bad" }] });
  });

  it("fails the whole batch when the service cannot start, so SQS redelivers all of it", async () => {
    const handler = lambdaQueueHandler(() => Promise.reject(new Error("no store")), { logger: silentLogger });
    await expect(handler(sqsEvent([{ id: "a", body: "x" }]), lambdaContext())).rejects.toThrow("no store");
  });

  it("refuses an event that is not from SQS", async () => {
    const handler = lambdaQueueHandler(async () => async () => ({ failed: [] }), { logger: silentLogger });
    await expect(handler({ Records: [{ eventSource: "aws:sns" }] } as unknown as SQSEvent, lambdaContext())).rejects.toBeInstanceOf(UnsupportedEvent);
  });
});
