import type { QueueHandler } from "../function/handlers.js";
import { collectionsUsed, secretsUsed, type AppFunction, type FunctionOptions } from "./app.js";
import { AppDeclarationError, TOPIC_NAME } from "./declaration.js";
import { routeMessages, type MessageConsumer } from "./queue-router.js";

/** A queue function's trigger: the topic it consumes and the message types it has a consumer for. */
export interface QueueTrigger {
  kind: "queue";
  /** The queue (SQS), topic (Pub/Sub) or Storage queue the function consumes. */
  topic: string;
  /** The message `type`s it has a consumer for; any other type is poison. */
  types: readonly string[];
}

declare module "./app.js" {
  interface TriggerKinds {
    queue: { trigger: QueueTrigger; handler: QueueHandler };
  }
}

/**
 * A queue function: each message is JSON with a `type`, handed to the consumer registered for
 * that type. Messages succeed or fail alone (partial batch failure).
 */
export function queue<S>(
  topic: string,
  consumers: Readonly<Record<string, (services: S) => MessageConsumer>>,
  options: FunctionOptions = {},
): AppFunction<S, "queue"> {
  if (!TOPIC_NAME.test(topic)) throw new AppDeclarationError(`queue topic ${JSON.stringify(topic)}: 3-42 characters of a-z, 0-9 and -, starting with a letter`);
  const types = Object.keys(consumers);
  if (types.length === 0) throw new AppDeclarationError(`queue ${topic} has no consumer`);
  return {
    trigger: { kind: "queue", topic, types },
    publishes: options.publishes ?? [],
    collections: collectionsUsed(options),
    secrets: secretsUsed(options),
    bind: (services) => routeMessages(topic, Object.fromEntries(types.map((type) => [type, consumers[type]!(services)]))),
  };
}
