import { envReader, topicVariable, type Env } from "@skyport/core";

// https://sqs.<region>.amazonaws.com/<account>/<queue>; a local endpoint may stand in for the host.
const QUEUE_URL = /^https?:\/\/[^/\s]+\/\d{12}\/[A-Za-z0-9_-]{1,80}(?:\.fifo)?$/;

/** Where a topic's messages are sent: its SQS queue URL. */
export interface SqsConfig {
  queueUrl: string;
}

/** The topic's queue URL (SKYPORT_TOPIC_<TOPIC>, which the SAM template sets). Read at start. */
export function readSqsConfig(env: Env, topic: string): SqsConfig {
  const queueUrl = envReader(env).string(topicVariable(topic), undefined, QUEUE_URL, "an SQS queue URL such as https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE");
  return { queueUrl };
}
