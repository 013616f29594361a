import { SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqsEventPublisher, fromSqsEvent } from "../src/index.js";
import { sqsEvent, sqsStandIn, type SqsStandIn } from "../src/testing/index.js";

// The queue URL names AWS's host; the client's endpoint sends the request to the stand-in instead.
const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/skyport-orders";

describe("order.created over SQS's JSON protocol (to a loopback stand-in: no SQS server runs here)", () => {
  let sqs: SqsStandIn;
  beforeAll(async () => {
    sqs = await sqsStandIn();
  });
  afterAll(() => sqs.close());
  const client = () => new SQSClient({ endpoint: sqs.url, region: "eu-west-1", credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1 });

  it("puts the body and the traceparent attribute on the wire, and the queue function reads the trace back", async () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const body = JSON.stringify({ type: "order.created", orderId: "ord_01JDAAAAAAAAAAAAAAAAAAAAAA" });
    await new SqsEventPublisher(client, QUEUE_URL).publish(JSON.parse(body), traceparent);
    const queued = sqs.queued(QUEUE_URL);
    expect(queued).toEqual([{ id: expect.any(String), body, attributes: { traceparent } }]);
    // The same message as the event source mapping hands it to the queue function.
    expect(fromSqsEvent(sqsEvent(queued))).toEqual([{ id: queued[0]!.id, body, attempt: 1, attributes: { traceparent } }]);
  });

  it("sends no attributes when there is no trace", async () => {
    await new SqsEventPublisher(client, QUEUE_URL).publish({ type: "order.created", orderId: "ord_1" });
    expect(sqs.queued(QUEUE_URL).at(-1)).toEqual({ id: expect.any(String), body: '{"type":"order.created","orderId":"ord_1"}', attributes: {} });
  });
});
