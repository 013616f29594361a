import { SendMessageCommand, SQSClient, type SendMessageCommandInput } from "@aws-sdk/client-sqs";
import type { EventPublisher, OrderEvent } from "@skyport/core";
import type { SqsConfig } from "./sqs-config.js";

/** The SendMessage input for an event: JSON body, traceparent as a message attribute. */
export function sqsSendMessage(queueUrl: string, event: OrderEvent, traceparent?: string): SendMessageCommandInput {
  return {
    QueueUrl: queueUrl,
    MessageBody: JSON.stringify(event),
    ...(traceparent ? { MessageAttributes: { traceparent: { DataType: "String", StringValue: traceparent } } } : {}),
  };
}

/** Sends order events to the orders queue that the queue function consumes. */
export class SqsEventPublisher implements EventPublisher {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async publish(event: OrderEvent, traceparent?: string): Promise<void> {
    await this.client.send(new SendMessageCommand(sqsSendMessage(this.queueUrl, event, traceparent)));
  }
}

/**
 * Region and credentials from Lambda's environment (the function's role). The publish runs
 * inside POST /orders: a few quick tries, never a long hang.
 */
export function sqsEventPublisher(config: SqsConfig): SqsEventPublisher {
  const client = new SQSClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 } });
  return new SqsEventPublisher(client, config.queueUrl);
}
