import { envReader, topicVariable, type Env } from "@skyport/core";

/** Storage's rule for queue names: 3-63 of [a-z0-9-], no leading, trailing or double hyphen. */
const QUEUE_NAME = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Where a topic's messages are sent: its Storage queue, by service URL (managed identity) or connection string. */
export type StorageQueueConfig = { queueName: string; connectionString: string } | { queueName: string; serviceUrl: string };

/**
 * The topic's Storage queue (SKYPORT_TOPIC_<TOPIC>) with SKYPORT_QUEUE_SERVICE_URL (managed
 * identity in the cloud), or with SKYPORT_STORAGE_CONNECTION_STRING for azurite. Read at start:
 * a bad value names itself.
 */
export function readStorageQueueConfig(env: Env, topic: string): StorageQueueConfig {
  const read = envReader(env);
  const queueName = read.string(topicVariable(topic), undefined, QUEUE_NAME, "a Storage queue name (3-63 of a-z, 0-9 and single hyphens)");
  const connectionString = read.optional("SKYPORT_STORAGE_CONNECTION_STRING");
  if (connectionString) return { queueName, connectionString };
  const serviceUrl = read.string(
    "SKYPORT_QUEUE_SERVICE_URL",
    undefined,
    /^https?:\/\/[^/\s]+\/?$/,
    "a queue service URL such as https://ACCOUNT.queue.core.windows.net",
  );
  return { queueName, serviceUrl: serviceUrl.replace(/\/$/, "") };
}
