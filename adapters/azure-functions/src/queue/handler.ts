import type { StorageQueueHandler } from "@azure/functions";
import { toContext } from "../context.js";
import { MessageNotProcessed } from "../errors.js";
import type { Lazy, QueueHandler } from "@skyport/core";
import type { QueueHandlerOptions } from "../options.js";
import { fromStorageQueueMessage } from "./storage-queue-message.js";

/**
 * app.storageQueue handler: one message per invocation. Success returns, and the host deletes
 * the message. Any failure throws, retryable or poison alike: the host then delivers it again
 * until maxDequeueCount and moves it to `<queue>-poison`, where Azure users look for it.
 * Retrying a poison message costs a few quick invocations; dropping it would lose it.
 */
export function azureQueueHandler(queue: Lazy<QueueHandler>, options: QueueHandlerOptions): StorageQueueHandler {
  return async (queueItem, invocation) => {
    const context = toContext(invocation, options);
    const message = fromStorageQueueMessage(queueItem, invocation);
    const { failed } = await (await queue())([message], context);
    const failure = failed.find((f) => f.id === message.id);
    if (!failure) return;
    const fields = { messageId: message.id, attempt: message.attempt, maxDequeueCount: options.maxDequeueCount };
    if (message.attempt >= options.maxDequeueCount) {
      context.logger.error("message failed its last attempt; the host moves it to the poison queue", fields);
    } else if (!failure.retryable) {
      context.logger.error("poison message; the host retries it until maxDequeueCount, then moves it to the poison queue", fields);
    }
    throw new MessageNotProcessed(message.id, failure.retryable);
  };
}
