import type { StreamHandler } from "../function/stream.js";
import { collectionsUsed, secretsUsed, type AppFunction, type FunctionOptions } from "./app.js";
import { AppDeclarationError, TOPIC_NAME } from "./declaration.js";
import { processStream, type StreamConsumer } from "./stream-processor.js";

/** A stream function's trigger: the ordered stream it consumes (Kinesis, an ordered Pub/Sub topic, an event hub). */
export interface StreamTrigger {
  kind: "stream";
  /** The Kinesis data stream, the ordered Pub/Sub topic or the event hub the function consumes. */
  stream: string;
}

declare module "./app.js" {
  interface TriggerKinds {
    stream: { trigger: StreamTrigger; handler: StreamHandler };
  }
}

/**
 * The setting that names a stream on each cloud (a Kinesis stream, a Pub/Sub topic, an event hub):
 * `shipments` -> SKYPORT_STREAM_SHIPMENTS.
 */
export function streamVariable(name: string): string {
  return `SKYPORT_STREAM_${name.toUpperCase().replace(/-/g, "_")}`;
}

/**
 * A stream function: batches of records with a partition key, applied in order per key. A
 * record that fails retryably holds back its key's later records; a poison one is dead-lettered
 * and its key goes on (see `processStream`).
 */
export function stream<S>(name: string, consumer: (services: S) => StreamConsumer, options: FunctionOptions = {}): AppFunction<S, "stream"> {
  if (!TOPIC_NAME.test(name)) throw new AppDeclarationError(`stream ${JSON.stringify(name)}: 3-42 characters of a-z, 0-9 and -, starting with a letter`);
  return {
    trigger: { kind: "stream", stream: name },
    publishes: options.publishes ?? [],
    collections: collectionsUsed(options),
    secrets: secretsUsed(options),
    bind: (services) => processStream(name, consumer(services)),
  };
}
