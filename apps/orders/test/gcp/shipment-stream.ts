import { randomBytes } from "node:crypto";
import { PubSub, type Message } from "@google-cloud/pubsub";

/**
 * The shipments stream as deploy.sh makes it on Google Cloud, in Google's Pub/Sub emulator: a
 * topic, and an ordered push subscription (key: the order id) to the ship function with the
 * dead-letter topic after `maxDeliveryAttempts`. The emulator itself pushes: its push body, its
 * retries of a failed push. Its body leaves out `orderingKey`, so each record also carries the
 * key as the `orderingKey` attribute, which the function reads when the body has none.
 * Unlike Pub/Sub, the emulator (0.8.20) does not dead-letter a message of an ordered push
 * subscription whose pushes failed `maxDeliveryAttempts` times: it stops pushing anything on the
 * subscription. A test must keep each record's failed pushes below the attempts (the ship function
 * dead-letters poison itself, acknowledging it).
 */
export async function shipmentStream(projectId: string, shipUrl: string, deadLetterTopic: string, maxDeliveryAttempts = 5) {
  const client = new PubSub({ projectId });
  const [topic] = await client.topic(`shipments-${randomBytes(3).toString("hex")}`).get({ autoCreate: true });
  const [subscription] = await topic.createSubscription(`ship-push-${randomBytes(3).toString("hex")}`, {
    pushConfig: { pushEndpoint: shipUrl },
    enableMessageOrdering: true,
    deadLetterPolicy: { deadLetterTopic: client.topic(deadLetterTopic).name, maxDeliveryAttempts },
    retryPolicy: { minimumBackoff: { seconds: 0, nanos: 100_000_000 }, maximumBackoff: { seconds: 1 } },
  });
  const ordered = client.topic(topic.name, { messageOrdering: true });
  return {
    /** Publishes one record under its key; resolves with its message id. */
    publish: (key: string, data: string) => ordered.publishMessage({ data: Buffer.from(data), orderingKey: key, attributes: { orderingKey: key } }),
    async close() {
      await subscription.delete();
      await client.close();
    },
  };
}

/** The dead-letter topic with the subscription that keeps what lands there (deploy.sh's), read as it fills. */
export async function deadLetters(projectId: string) {
  const client = new PubSub({ projectId });
  const [topic] = await client.topic(`dead-letters-${randomBytes(3).toString("hex")}`).get({ autoCreate: true });
  const [subscription] = await topic.createSubscription(`dead-letters-kept-${randomBytes(3).toString("hex")}`);
  const kept: Message[] = [];
  subscription.on("message", (message: Message) => {
    kept.push(message);
    message.ack();
  });
  return {
    topic: topic.name.split("/").pop()!,
    /** The bodies that landed on the dead-letter topic so far. */
    bodies: () => kept.map((message) => message.data.toString("utf8")),
    async close() {
      await subscription.close();
      await subscription.delete();
      await client.close();
    },
  };
}
