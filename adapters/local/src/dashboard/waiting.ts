import type { LocalRuntime } from "./local-runtime.js";

/** What waits in the queue file (messages by topic and consumer, records by stream) and in each change feed, with the attempts spent. */
export async function waiting(runtime: LocalRuntime) {
  const { messages, records } = runtime.queueFile.contents();
  const changes = await Promise.all(
    runtime.pollers.map(async (poller) => ({ function: poller.name, collection: poller.collection, waiting: await poller.waiting() })),
  );
  return {
    messages: messages.map(({ topic, consumer, message }) => ({ topic, consumer, id: message.id, body: message.body, attempt: message.attempt })),
    records: records.map(({ stream, key, data, position, attempt }) => ({ stream, partitionKey: key, data, position, attempt })),
    changes,
  };
}
