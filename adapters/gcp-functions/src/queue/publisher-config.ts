import { envReader, topicVariable, type Env } from "@skyport/core";

/** A topic id, or its full name `projects/P/topics/T`. */
const TOPIC = /^(?:projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/topics\/)?[A-Za-z][\w.~+%-]{2,254}$/;

/** Where a topic's messages are sent: its Pub/Sub topic, in its project. */
export interface PubSubConfig {
  topic: string;
  /** GOOGLE_CLOUD_PROJECT; on Google Cloud the client finds the project itself when it is unset. */
  projectId?: string;
}

/** The topic's Pub/Sub topic (SKYPORT_TOPIC_<TOPIC>) and GOOGLE_CLOUD_PROJECT; the emulator comes from PUBSUB_EMULATOR_HOST. */
export function readPubSubConfig(env: Env, topic: string): PubSubConfig {
  const read = envReader(env);
  return {
    topic: read.string(topicVariable(topic), undefined, TOPIC, "a Pub/Sub topic id or projects/P/topics/T"),
    projectId: read.optional("GOOGLE_CLOUD_PROJECT"),
  };
}
