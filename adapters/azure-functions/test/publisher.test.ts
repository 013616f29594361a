import { randomBytes } from "node:crypto";
import { QueueClient } from "@azure/storage-queue";
import { ConfigError } from "@skyport/core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { readStorageQueueConfig, storageQueueEventPublisher } from "../src/index.js";

const connectionString = inject("azuriteConnectionString");
const ORDER = "ord_01JD0000000000000000000000";

describe("Storage Queue publisher (azurite)", () => {
  const queueName = `orders-${randomBytes(4).toString("hex")}`;
  const queue = new QueueClient(connectionString, queueName);
  beforeAll(async () => {
    await queue.create();
  });

  it("sends the event as base64 JSON, the encoding the Functions host decodes by default, with the traceparent inside", async () => {
    const publisher = storageQueueEventPublisher(
      readStorageQueueConfig({ SKYPORT_TOPIC_ORDERS: queueName, SKYPORT_STORAGE_CONNECTION_STRING: connectionString }, "orders"),
    );
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    await publisher.publish({ type: "order.created", orderId: ORDER }, traceparent);
    await publisher.publish({ type: "order.created", orderId: ORDER });
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 10 });
    const decoded = receivedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, "base64").toString("utf8")));
    expect(decoded).toEqual([
      { type: "order.created", orderId: ORDER, traceparent },
      { type: "order.created", orderId: ORDER },
    ]);
    expect(receivedMessageItems.map((m) => m.dequeueCount)).toEqual([1, 1]);
  });

  it("fails the publish when the queue does not exist, for core to log", async () => {
    const publisher = storageQueueEventPublisher(
      readStorageQueueConfig({ SKYPORT_TOPIC_ORDERS: "no-such-queue", SKYPORT_STORAGE_CONNECTION_STRING: connectionString }, "orders"),
    );
    await expect(publisher.publish({ type: "order.created", orderId: ORDER })).rejects.toThrow();
  });
});

describe("Storage Queue configuration", () => {
  it("uses the managed identity with SKYPORT_QUEUE_SERVICE_URL, and a connection string only when one is given", () => {
    expect(readStorageQueueConfig({ SKYPORT_TOPIC_ORDERS: "orders", SKYPORT_QUEUE_SERVICE_URL: "https://skyport.queue.core.windows.net/" }, "orders")).toEqual({
      queueName: "orders",
      serviceUrl: "https://skyport.queue.core.windows.net",
    });
    expect(readStorageQueueConfig({ SKYPORT_TOPIC_ORDERS: "orders", SKYPORT_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true" }, "orders")).toEqual({
      queueName: "orders",
      connectionString: "UseDevelopmentStorage=true",
    });
  });

  it("names the variable that is missing or wrong", () => {
    const error = (env: Record<string, string>) => {
      try {
        readStorageQueueConfig(env, "orders");
      } catch (e) {
        return e;
      }
    };
    expect(error({ SKYPORT_QUEUE_SERVICE_URL: "https://a.queue.core.windows.net" })).toMatchObject({ variable: "SKYPORT_TOPIC_ORDERS" });
    expect(error({ SKYPORT_TOPIC_ORDERS: "Orders_Queue", SKYPORT_QUEUE_SERVICE_URL: "https://a.queue.core.windows.net" })).toMatchObject({
      variable: "SKYPORT_TOPIC_ORDERS",
    });
    expect(error({ SKYPORT_TOPIC_ORDERS: "orders--x", SKYPORT_QUEUE_SERVICE_URL: "https://a.queue.core.windows.net" })).toBeInstanceOf(ConfigError);
    expect(error({ SKYPORT_TOPIC_ORDERS: "orders" })).toMatchObject({ variable: "SKYPORT_QUEUE_SERVICE_URL" });
    expect(error({ SKYPORT_TOPIC_ORDERS: "orders", SKYPORT_QUEUE_SERVICE_URL: "https://a.queue.core.windows.net/orders" })).toMatchObject({
      variable: "SKYPORT_QUEUE_SERVICE_URL",
    });
  });
});
