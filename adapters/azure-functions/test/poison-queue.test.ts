import { randomBytes } from "node:crypto";
import { QueueClient } from "@azure/storage-queue";
import { orderAt } from "@skyport/core/orders/testing";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { azureQueueHandler, readStorageQueueConfig, storageQueueEventPublisher } from "../src/index.js";
import { listenOnce, type InvocationLog } from "../src/testing/index.js";
import { memoryService } from "./memory-service.js";

const connectionString = inject("azuriteConnectionString");
const MAX_DEQUEUE_COUNT = 3;

/** Messages on azurite, taken through the host's listener steps: success deletes, poison ends in `-poison`. */
describe("queue trigger over azurite, as the host's queue listener runs it", () => {
  const queueName = `orders-${randomBytes(4).toString("hex")}`;
  const queue = new QueueClient(connectionString, queueName);
  const poisonQueue = new QueueClient(connectionString, `${queueName}-poison`);
  const { deps, queue: consume } = memoryService();
  const logs: InvocationLog[] = [];
  const handler = azureQueueHandler(consume, { logLevel: "info", maxDequeueCount: MAX_DEQUEUE_COUNT });
  const listen = () => listenOnce(handler, { queue, poisonQueue, maxDequeueCount: MAX_DEQUEUE_COUNT, logs });

  beforeAll(async () => {
    await queue.create();
  });

  it("confirms the order a published message names and deletes the message", async () => {
    const order = orderAt(new Date());
    await deps.orders.create(order);
    await storageQueueEventPublisher(
      readStorageQueueConfig({ SKYPORT_TOPIC_ORDERS: queueName, SKYPORT_STORAGE_CONNECTION_STRING: connectionString }, "orders"),
    ).publish({ type: "order.created", orderId: order.id });
    expect(Object.values(await listen())).toEqual(["done"]);
    expect(await deps.orders.get(order.id)).toMatchObject({ status: "confirmed", version: 2 });
    expect((await queue.peekMessages()).peekedMessageItems).toEqual([]);
  });

  it("moves a poison message to the poison queue after maxDequeueCount attempts, logging each", async () => {
    const poison = Buffer.from(JSON.stringify({ type: "order.exploded" })).toString("base64");
    await queue.sendMessage(poison);
    const outcomes: string[] = [];
    for (let i = 0; i < MAX_DEQUEUE_COUNT; i++) outcomes.push(...Object.values(await listen()));
    expect(outcomes).toEqual(["retry", "retry", "poisoned"]);
    expect((await queue.peekMessages()).peekedMessageItems).toEqual([]);
    const moved = (await poisonQueue.receiveMessages()).receivedMessageItems;
    expect(moved.map((m) => m.messageText)).toEqual([poison]);
    const errors = logs.filter((l) => l.level === "error").map((l) => JSON.parse(l.message) as { message: string; attempt?: number });
    expect(errors.filter((e) => e.message.startsWith("poison message")).map((e) => e.attempt)).toEqual([1, 2]);
    expect(errors.filter((e) => e.message.includes("last attempt")).map((e) => e.attempt)).toEqual([3]);
  });
});
