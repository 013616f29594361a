import type { PubSub, Topic } from "@google-cloud/pubsub";
import type { Env, EventPublisher, QueueEvent } from "@skyport/core";
import { readPubSubConfig, type PubSubConfig } from "./publisher-config.js";

/** A publish that has not been acknowledged in this time fails, so that a POST never hangs on it. */
const PUBLISH_TIMEOUT_MS = 10_000;

/** The runtime's queues (`Platform.queue`) on Google Cloud: each topic's Pub/Sub topic, read now. */
export function pubSubTopics(env: Env): (topic: string) => PubSubEventPublisher {
  return (topic) => new PubSubEventPublisher(readPubSubConfig(env, topic));
}

/**
 * Publishes events to a Pub/Sub topic: the JSON event as the message data, its type and the
 * traceparent as attributes. The SDK is loaded on the first publish, so instances that only consume
 * or clean up never load it. Each message is sent at once (no batching delay in a request).
 */
export class PubSubEventPublisher implements EventPublisher {
  private opened?: Promise<{ client: PubSub; topic: Topic }>;

  constructor(private readonly config: PubSubConfig) {}

  async publish(event: QueueEvent, traceparent?: string): Promise<void> {
    const { topic } = await this.open();
    await topic.publishMessage({
      data: Buffer.from(JSON.stringify(event)),
      attributes: traceparent ? { type: event.type, traceparent } : { type: event.type },
    });
  }

  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) await (await opened).client.close();
  }

  private open() {
    this.opened ??= import("@google-cloud/pubsub").then(({ PubSub }) => {
      const client = new PubSub(this.config.projectId ? { projectId: this.config.projectId } : {});
      const topic = client.topic(this.config.topic, {
        batching: { maxMessages: 1, maxMilliseconds: 0 },
        gaxOpts: { timeout: PUBLISH_TIMEOUT_MS },
      });
      return { client, topic };
    });
    return this.opened;
  }
}
