import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "@skyport/core";
import { SqsEventPublisher, readSqsConfig, sqsEventPublisher } from "../src/index.js";

// No SQS emulator here speaks the SDK's current (JSON) protocol, so the publisher is checked on
// the exact command it sends: aws-sdk-client-mock takes the place of the client's send().
const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/skyport-orders";
const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

describe("the SQS event publisher", () => {
  it("sends order.created as a JSON body to the configured queue, with the traceparent attribute", async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: "m-1" });
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    await new SqsEventPublisher(() => new SQSClient({ region: "eu-west-1" }), QUEUE_URL).publish(
      { type: "order.created", orderId: "ord_01JDAAAAAAAAAAAAAAAAAAAAAA" },
      traceparent,
    );
    const calls = sqs.commandCalls(SendMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: '{"type":"order.created","orderId":"ord_01JDAAAAAAAAAAAAAAAAAAAAAA"}',
      MessageAttributes: { traceparent: { DataType: "String", StringValue: traceparent } },
    });
  });

  it("sends no attributes when there is no trace", async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: "m-2" });
    await new SqsEventPublisher(() => new SQSClient({ region: "eu-west-1" }), QUEUE_URL).publish({ type: "order.created", orderId: "ord_1" });
    expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input).toEqual({ QueueUrl: QUEUE_URL, MessageBody: '{"type":"order.created","orderId":"ord_1"}' });
  });

  it("lets a failed send reject, for core to log (the order exists regardless)", async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error("throttled"), { name: "RequestThrottled" }));
    await expect(
      new SqsEventPublisher(() => new SQSClient({ region: "eu-west-1" }), QUEUE_URL).publish({ type: "order.created", orderId: "ord_1" }),
    ).rejects.toThrow("throttled");
  });

  it("builds its client from the environment's region, sending to SKYPORT_TOPIC_ORDERS", async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: "m-3" });
    const previous = process.env.AWS_REGION;
    process.env.AWS_REGION = "eu-west-1";
    try {
      await sqsEventPublisher(readSqsConfig({ SKYPORT_TOPIC_ORDERS: QUEUE_URL }, "orders")).publish({ type: "order.created", orderId: "ord_1" });
    } finally {
      if (previous === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = previous;
    }
    expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.QueueUrl).toBe(QUEUE_URL);
  });
});

describe("SKYPORT_TOPIC_ORDERS", () => {
  it("must be a queue URL, and the error names the variable", () => {
    expect(readSqsConfig({ SKYPORT_TOPIC_ORDERS: QUEUE_URL }, "orders")).toEqual({ queueUrl: QUEUE_URL });
    expect(readSqsConfig({ SKYPORT_TOPIC_ORDERS: "http://127.0.0.1:9324/000000000000/orders.fifo" }, "orders").queueUrl).toMatch(/orders\.fifo$/);
    for (const bad of [undefined, "", "skyport-orders", "https://sqs.eu-west-1.amazonaws.com/skyport-orders"]) {
      expect(() => readSqsConfig({ SKYPORT_TOPIC_ORDERS: bad }, "orders")).toThrow(ConfigError);
    }
    expect(() => readSqsConfig({}, "orders")).toThrow(/SKYPORT_TOPIC_ORDERS/);
  });
});
