import type { BatchResult, Message, QueueHandler } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { MessageNotProcessed, azureQueueHandler, fromStorageQueueMessage, toStorageQueueMessage } from "../src/index.js";
import { hostQueueDelivery, receivedMessage, type InvocationLog } from "../src/testing/index.js";

/** A consumer that records the neutral messages and fails them as told. */
function consumer(result: (message: Message) => BatchResult["failed"]) {
  const seen: Message[] = [];
  const functions = async (): Promise<QueueHandler> => async (messages) => {
    seen.push(...messages);
    return { failed: messages.flatMap(result) };
  };
  return { seen, functions };
}

const ORDER = "ord_01JD0000000000000000000000";

describe("Storage Queue message -> neutral message", () => {
  it("takes the message id, the dequeue count as attempt and the text the publisher sent", () => {
    const text = Buffer.from(
      toStorageQueueMessage({ type: "order.created", orderId: ORDER }, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
      "base64",
    ).toString();
    const { queueItem, invocation } = hostQueueDelivery(receivedMessage("6f1c-msg", text, 3));
    expect(fromStorageQueueMessage(queueItem, invocation)).toEqual({
      id: "6f1c-msg",
      body: text,
      attempt: 3,
      attributes: { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" },
    });
  });

  it("gives back the text of a message the library parsed, whatever JSON it held", () => {
    const cases: [string, string][] = [
      ["{not json", "{not json"],
      ["null", "null"],
      ["42", "42"],
      ["[1,2]", "[1,2]"],
      // A JSON string literal comes back unquoted, as the library parsed it; core refuses it either way.
      ['"just a string"', "just a string"],
    ];
    for (const [text, body] of cases) {
      const { queueItem, invocation } = hostQueueDelivery(receivedMessage("m", text));
      expect(fromStorageQueueMessage(queueItem, invocation).body, text).toBe(body);
    }
  });

  it("counts a first delivery as attempt 1 when the metadata has no usable dequeue count", () => {
    const { queueItem, invocation } = hostQueueDelivery(receivedMessage("m", JSON.stringify({ type: "order.created", orderId: ORDER, dequeueCount: "many" })));
    expect(fromStorageQueueMessage(queueItem, invocation).attempt).toBe(1);
  });
});

describe("app.storageQueue handler", () => {
  const options = { logLevel: "info", maxDequeueCount: 5 } as const;
  const deliver = async (functions: () => Promise<QueueHandler>, dequeueCount: number, logs: InvocationLog[] = []) => {
    const { queueItem, invocation } = hostQueueDelivery(receivedMessage("m-1", JSON.stringify({ type: "order.created", orderId: ORDER }), dequeueCount), logs);
    return azureQueueHandler(functions, options)(queueItem, invocation);
  };

  it("returns when the message succeeded, so the host deletes it", async () => {
    const { seen, functions } = consumer(() => []);
    await expect(deliver(functions, 1)).resolves.toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  it("throws on a retryable failure, so the host delivers the message again", async () => {
    const { functions } = consumer((m) => [{ id: m.id, retryable: true }]);
    const logs: InvocationLog[] = [];
    await expect(deliver(functions, 2, logs)).rejects.toEqual(new MessageNotProcessed("m-1", true));
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("throws on a poison message too, so that the host moves it to the poison queue, and says so", async () => {
    const { functions } = consumer((m) => [{ id: m.id, retryable: false }]);
    const logs: InvocationLog[] = [];
    await expect(deliver(functions, 1, logs)).rejects.toBeInstanceOf(MessageNotProcessed);
    expect(logs).toEqual([{ level: "error", message: expect.stringContaining("poison message") }]);
    expect(JSON.parse(logs[0]!.message)).toMatchObject({ messageId: "m-1", attempt: 1, maxDequeueCount: 5 });
  });

  it("logs the last attempt as the one after which the host gives the message up", async () => {
    const { functions } = consumer((m) => [{ id: m.id, retryable: true }]);
    const logs: InvocationLog[] = [];
    await expect(deliver(functions, 5, logs)).rejects.toBeInstanceOf(MessageNotProcessed);
    expect(logs).toEqual([{ level: "error", message: expect.stringContaining("last attempt") }]);
  });

  it("throws when the service cannot start, so the message waits for a later attempt", async () => {
    const failing = async (): Promise<QueueHandler> => {
      throw new Error("cosmos unreachable");
    };
    await expect(deliver(failing, 1)).rejects.toThrow("cosmos unreachable");
  });
});
