import { randomBytes } from "node:crypto";
import { PubSub, type Message } from "@google-cloud/pubsub";
import { pubsubPushEvent, pushRequest, type ContentMode } from "@skyport/gcp-functions/testing";

/** The trigger subscription's policies, as deploy.sh sets them on Eventarc's subscription. */
export interface TriggerSubscription {
  /** A topic id of the project: after `maxDeliveryAttempts` (5 to 100) failed deliveries the emulator moves the message there. */
  deadLetterTopic?: string;
  maxDeliveryAttempts?: number;
  /** How long a failed delivery waits before it is nacked: the subscription's retry backoff. */
  retryDelayMs?: number;
}

/**
 * Eventarc's part, in the test: a subscription on the topic in Google's Pub/Sub emulator whose
 * messages are pushed to the queue function as messagePublished CloudEvents, acknowledged on a
 * 2xx and nacked (so the emulator redelivers them) otherwise.
 */
export async function eventarcRelay(projectId: string, topic: string, queueUrl: string, mode: ContentMode = "binary", policy: TriggerSubscription = {}) {
  const client = new PubSub({ projectId });
  const deadLetterPolicy = policy.deadLetterTopic
    ? { deadLetterTopic: client.topic(policy.deadLetterTopic).name, maxDeliveryAttempts: policy.maxDeliveryAttempts ?? 5 }
    : undefined;
  const [subscription] = await client.topic(topic).createSubscription(`eventarc-${randomBytes(4).toString("hex")}`, { deadLetterPolicy });
  let acknowledged = 0;
  const acknowledgedIds = new Set<string>();
  const pushed: string[] = [];
  subscription.on("message", async (message: Message) => {
    const event = pubsubPushEvent({
      data: message.data,
      messageId: message.id,
      attributes: message.attributes,
      deliveryAttempt: message.deliveryAttempt || undefined,
      topic: `projects/${projectId}/topics/${topic}`,
      subscription: subscription.name,
      publishTime: message.publishTime,
    });
    const { headers, body } = pushRequest(event, mode);
    pushed.push(message.data.toString());
    const ok = await fetch(queueUrl, { method: "POST", headers, body }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.ok;
      },
      () => false,
    );
    if (!ok) {
      if (policy.retryDelayMs) await new Promise((resolve) => setTimeout(resolve, policy.retryDelayMs));
      return message.nack();
    }
    message.ack();
    acknowledged++;
    acknowledgedIds.add(message.id);
  });
  return {
    /** The message bodies pushed so far, redeliveries included. */
    pushed: () => [...pushed],
    /** Waits until `count` messages, or the messages of these ids, have been pushed and acknowledged. */
    async settled(messages: number | string[], timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      const done = () => (typeof messages === "number" ? acknowledged : messages.filter((id) => acknowledgedIds.has(id)).length);
      const count = typeof messages === "number" ? messages : messages.length;
      while (done() < count) {
        if (Date.now() > deadline) throw new Error(`only ${done()} of ${count} published messages were acknowledged in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await subscription.close();
      await subscription.delete();
      await client.close();
    },
  };
}
