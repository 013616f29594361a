import { SendMessageCommand, SQSClient, type SendMessageCommandInput } from "@aws-sdk/client-sqs";
import type { Env, EventPublisher, QueueEvent } from "@skyport/core";
import { readSqsConfig, type SqsConfig } from "./publisher-config.js";

/** The SendMessage input for an event: JSON body, traceparent as a message attribute. */
export function toSqsSendMessage(queueUrl: string, event: QueueEvent, traceparent?: string): SendMessageCommandInput {
  return {
    QueueUrl: queueUrl,
    MessageBody: JSON.stringify(event),
    ...(traceparent ? { MessageAttributes: { traceparent: { DataType: "String", StringValue: traceparent } } } : {}),
  };
}

/** Sends events to one SQS queue, with a client made on the first publish (none at cold start). */
export class SqsEventPublisher implements EventPublisher {
  private client?: SQSClient;

  constructor(
    private readonly makeClient: () => SQSClient,
    private readonly queueUrl: string,
  ) {}

  async publish(event: QueueEvent, traceparent?: string): Promise<void> {
    this.client ??= this.makeClient();
    await this.client.send(new SendMessageCommand(toSqsSendMessage(this.queueUrl, event, traceparent)));
  }
}

/**
 * Region and credentials from Lambda's environment (the function's role). The publish runs
 * inside an HTTP request: a few quick tries, never a long hang.
 */
export function sqsEventPublisher(config: SqsConfig): SqsEventPublisher {
  return new SqsEventPublisher(() => new SQSClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 } }), config.queueUrl);
}

/** The runtime's queues (`Platform.queue`) on AWS: each topic's SQS queue, its URL read now. */
export function sqsQueues(env: Env): (topic: string) => SqsEventPublisher {
  return (topic) => sqsEventPublisher(readSqsConfig(env, topic));
}
