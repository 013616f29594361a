import { randomBytes } from "node:crypto";
import { PubSub, type Message as PubSubMessage } from "@google-cloud/pubsub";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ConfigError } from "@skyport/core";
import { PubSubEventPublisher, readPubSubConfig } from "../src/index.js";

// As on Google Cloud, the clients find the emulator through the standard variable.
process.env.PUBSUB_EMULATOR_HOST = inject("pubsubEmulatorHost");
const projectId = inject("pubsubProjectId");

describe("PubSubEventPublisher against Google's Pub/Sub emulator", () => {
  const admin = new PubSub({ projectId });
  const topicName = `orders-${randomBytes(4).toString("hex")}`;
  let publisher: PubSubEventPublisher;
  const received: PubSubMessage[] = [];
  let arrived: () => void = () => {};

  beforeAll(async () => {
    const [topic] = await admin.createTopic(topicName);
    const [subscription] = await topic.createSubscription(`${topicName}-consumer`);
    subscription.on("message", (message: PubSubMessage) => {
      message.ack();
      received.push(message);
      arrived();
    });
    publisher = new PubSubEventPublisher(readPubSubConfig({ SKYPORT_TOPIC_ORDERS: topicName, GOOGLE_CLOUD_PROJECT: projectId }, "orders"));
  });
  afterAll(async () => {
    await publisher.close();
    await admin.close();
  });

  const next = (count: number) =>
    new Promise<void>((resolve) => {
      arrived = () => received.length >= count && resolve();
      arrived();
    });

  it("publishes the event as JSON data, with its type and the traceparent as attributes", async () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    await publisher.publish({ type: "order.created", orderId: "ord_01JD0000000000000000000000" }, traceparent);
    await next(1);
    expect(JSON.parse(received[0]!.data.toString())).toEqual({ type: "order.created", orderId: "ord_01JD0000000000000000000000" });
    expect(received[0]!.attributes).toEqual({ type: "order.created", traceparent });
  });

  it("publishes without a traceparent, and to a topic named in full", async () => {
    const full = new PubSubEventPublisher(readPubSubConfig({ SKYPORT_TOPIC_ORDERS: `projects/${projectId}/topics/${topicName}` }, "orders"));
    try {
      await full.publish({ type: "order.created", orderId: "ord_01JD0000000000000000000001" });
      await next(2);
      expect(received[1]!.attributes).toEqual({ type: "order.created" });
    } finally {
      await full.close();
    }
  });

  it("fails the publish when the topic does not exist", async () => {
    const missing = new PubSubEventPublisher(readPubSubConfig({ SKYPORT_TOPIC_ORDERS: "no-such-topic", GOOGLE_CLOUD_PROJECT: projectId }, "orders"));
    try {
      await expect(missing.publish({ type: "order.created", orderId: "ord_01JD0000000000000000000002" })).rejects.toThrow(/NOT_FOUND|not found/i);
    } finally {
      await missing.close();
    }
  });
});

describe("readPubSubConfig", () => {
  it("requires SKYPORT_TOPIC_ORDERS, naming it", () => {
    expect(() => readPubSubConfig({}, "orders")).toThrow(ConfigError);
    expect(() => readPubSubConfig({}, "orders")).toThrow(/SKYPORT_TOPIC_ORDERS/);
    expect(() => readPubSubConfig({ SKYPORT_TOPIC_ORDERS: "projects/x/topics/" }, "orders")).toThrow(/SKYPORT_TOPIC_ORDERS/);
  });

  it("takes a topic id or a full topic name, and the project from GOOGLE_CLOUD_PROJECT", () => {
    expect(readPubSubConfig({ SKYPORT_TOPIC_ORDERS: "orders", GOOGLE_CLOUD_PROJECT: "my-project" }, "orders")).toEqual({
      topic: "orders",
      projectId: "my-project",
    });
    expect(readPubSubConfig({ SKYPORT_TOPIC_ORDERS: "projects/my-project/topics/orders" }, "orders").topic).toBe("projects/my-project/topics/orders");
  });
});
