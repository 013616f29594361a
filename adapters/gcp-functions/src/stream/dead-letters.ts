import type { PubSub, Topic } from "@google-cloud/pubsub";
import { envReader, type Env, type StreamRecord } from "@skyport/core";

/** The dead-letter topic (the subscription's own): SKYPORT_STREAM_DEAD_LETTERS, set by the deploy script. */
export const DEAD_LETTERS_VARIABLE = "SKYPORT_STREAM_DEAD_LETTERS";
const TOPIC = /^(?:projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/topics\/)?[A-Za-z][\w.~+%-]{2,254}$/;
const PUBLISH_TIMEOUT_MS = 10_000;

/** Where a stream's poison records are kept: its dead-letter topic. */
export interface StreamDeadLetters {
  /** Resolves once the record is kept on the dead-letter topic. */
  send(record: StreamRecord, subscription: string): Promise<void>;
}

/**
 * Publishes a poison record to the dead-letter topic, as the subscription's dead-letter policy
 * would after its last attempt, but now: its data and attributes unchanged, plus where it came
 * from. The SDK is loaded on the first dead letter only.
 */
export class PubSubStreamDeadLetters implements StreamDeadLetters {
  private opened?: Promise<{ client: PubSub; topic: Topic }>;

  constructor(
    private readonly topicName: string,
    private readonly projectId?: string,
  ) {}

  async send(record: StreamRecord, subscription: string): Promise<void> {
    const { topic } = await this.open();
    await topic.publishMessage({
      data: Buffer.from(record.data),
      attributes: { ...record.attributes, partitionKey: record.key, sourceMessageId: record.position, sourceSubscription: subscription, reason: "poison" },
    });
  }

  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) await (await opened).client.close();
  }

  private open() {
    this.opened ??= import("@google-cloud/pubsub").then(({ PubSub }) => {
      const client = new PubSub(this.projectId ? { projectId: this.projectId } : {});
      const topic = client.topic(this.topicName, { batching: { maxMessages: 1, maxMilliseconds: 0 }, gaxOpts: { timeout: PUBLISH_TIMEOUT_MS } });
      return { client, topic };
    });
    return this.opened;
  }
}

/** The function's dead-letter topic from its environment, or undefined where none is configured. */
export function pubSubStreamDeadLetters(env: Env): PubSubStreamDeadLetters | undefined {
  const read = envReader(env);
  if (read.optional(DEAD_LETTERS_VARIABLE) === undefined) return undefined;
  return new PubSubStreamDeadLetters(
    read.string(DEAD_LETTERS_VARIABLE, undefined, TOPIC, "a Pub/Sub topic id or projects/P/topics/T"),
    read.optional("GOOGLE_CLOUD_PROJECT"),
  );
}
