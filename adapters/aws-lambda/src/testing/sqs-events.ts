import { createHash, randomUUID } from "node:crypto";
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from "aws-lambda";
import sqsFixture from "./fixtures/sqs-event.json" with { type: "json" };

/** A message as SQS would hand it to Lambda: its id, body, attempt and attributes. */
export interface QueuedMessage {
  id: string;
  body: string;
  /** 1 on first delivery; SQS's ApproximateReceiveCount. */
  attempt?: number;
  /** String message attributes, as SendMessage set them. */
  attributes?: Record<string, string>;
  /** The AWSTraceHeader system attribute SQS adds when the sender was traced. */
  awsTraceHeader?: string;
}

/** One SQS event, as the event source mapping delivers a batch of the orders queue. */
export function sqsEvent(messages: QueuedMessage[], queueArn = "arn:aws:sqs:us-east-1:123456789012:skyport-orders"): SQSEvent {
  const template = sqsFixture.Records[0]!;
  return {
    Records: messages.map((message): SQSRecord => {
      const now = Date.now();
      const messageAttributes: SQSMessageAttributes = Object.fromEntries(
        Object.entries(message.attributes ?? {}).map(([name, value]) => [
          name,
          { stringValue: value, stringListValues: [], binaryListValues: [], dataType: "String" },
        ]),
      );
      return {
        ...template,
        messageId: message.id,
        receiptHandle: `${randomUUID()}#${message.id}`,
        body: message.body,
        md5OfBody: createHash("md5").update(message.body).digest("hex"),
        attributes: {
          ...template.attributes,
          ApproximateReceiveCount: String(message.attempt ?? 1),
          SentTimestamp: String(now - 1000),
          ApproximateFirstReceiveTimestamp: String(now),
          ...(message.awsTraceHeader ? { AWSTraceHeader: message.awsTraceHeader } : {}),
        },
        messageAttributes,
        eventSourceARN: queueArn,
        awsRegion: queueArn.split(":")[3]!,
      };
    }),
  };
}
