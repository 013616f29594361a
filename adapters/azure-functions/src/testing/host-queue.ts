import type { InvocationContext, StorageQueueHandler, TriggerMetadata } from "@azure/functions";
import type { QueueClient, ReceivedMessageItem } from "@azure/storage-queue";
import { hostInvocationContext, type InvocationLog } from "./host-context.js";

/** A queue message as the host hands it to the handler: the item and its invocation context. */
export interface HostQueueDelivery {
  /** The handler's first argument. */
  queueItem: unknown;
  invocation: InvocationContext;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The library's reading of string data: JSON when it parses, else the string itself. */
function parsedLikeTheLibrary(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One received message as the host and the library hand it to an app.storageQueue handler:
 * the host decodes base64 (host.json messageEncoding, the default), the library parses JSON
 * and camel-cases the host's metadata (Id -> id, DequeueCount -> dequeueCount). The
 * properties of a JSON object message join the metadata and win (azure-functions-nodejs-library#459).
 */
export function hostQueueDelivery(received: ReceivedMessageItem, logs?: InvocationLog[], functionName = "orders-queue"): HostQueueDelivery {
  if (!BASE64.test(received.messageText)) {
    throw new Error(`message ${received.messageId} is not base64: the host could not decode it`);
  }
  const queueItem = parsedLikeTheLibrary(Buffer.from(received.messageText, "base64").toString("utf8"));
  const payload = typeof queueItem === "object" && queueItem !== null && !Array.isArray(queueItem) ? queueItem : {};
  const triggerMetadata: TriggerMetadata = {
    id: received.messageId,
    dequeueCount: received.dequeueCount,
    popReceipt: received.popReceipt,
    insertionTime: received.insertedOn.toISOString(),
    expirationTime: received.expiresOn.toISOString(),
    nextVisibleTime: received.nextVisibleOn.toISOString(),
    queueTrigger: queueItem,
  };
  for (const [key, value] of Object.entries(payload)) triggerMetadata[key.charAt(0).toLowerCase() + key.slice(1)] = value;
  return { queueItem, invocation: hostInvocationContext({ functionName, triggerType: "queueTrigger", triggerMetadata, logs }) };
}

/** A message as Storage returns it on a receive, for a body that never went through a queue. */
export function receivedMessage(id: string, body: string, dequeueCount = 1): ReceivedMessageItem {
  const now = Date.now();
  return {
    messageId: id,
    messageText: Buffer.from(body, "utf8").toString("base64"),
    dequeueCount,
    popReceipt: Buffer.from(`${id}:${dequeueCount}`).toString("base64"),
    insertedOn: new Date(now),
    expiresOn: new Date(now + 7 * 86_400_000),
    nextVisibleOn: new Date(now + 30_000),
  };
}

/** What the host did with a message: done, delivered again, or moved to the poison queue. */
export type ListenerOutcome = "done" | "retry" | "poisoned";

/** The queue a host-like listener reads, its poison queue, and its maxDequeueCount. */
export interface QueueListenerOptions {
  queue: QueueClient;
  /** `<queue>-poison`, where the host moves a message that failed maxDequeueCount times. */
  poisonQueue: QueueClient;
  maxDequeueCount: number;
  logs?: InvocationLog[];
}

/**
 * What the host's queue listener does with each message it receives: invoke the function;
 * on success delete the message; on failure make it visible again (visibilityTimeout 0, the
 * default) or, once dequeueCount reached maxDequeueCount, copy it to `<queue>-poison` and
 * delete it. Returns each received message's outcome by id.
 */
export async function listenOnce(handler: StorageQueueHandler, options: QueueListenerOptions): Promise<Record<string, ListenerOutcome>> {
  const { queue, poisonQueue } = options;
  const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 30 });
  const outcomes: Record<string, ListenerOutcome> = {};
  for (const received of receivedMessageItems) {
    const { queueItem, invocation } = hostQueueDelivery(received, options.logs);
    try {
      await handler(queueItem, invocation);
      await queue.deleteMessage(received.messageId, received.popReceipt);
      outcomes[received.messageId] = "done";
    } catch {
      if (received.dequeueCount >= options.maxDequeueCount) {
        await poisonQueue.createIfNotExists();
        await poisonQueue.sendMessage(received.messageText);
        await queue.deleteMessage(received.messageId, received.popReceipt);
        outcomes[received.messageId] = "poisoned";
      } else {
        await queue.updateMessage(received.messageId, received.popReceipt, undefined, 0);
        outcomes[received.messageId] = "retry";
      }
    }
  }
  return outcomes;
}
