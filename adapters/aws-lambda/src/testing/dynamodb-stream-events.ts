import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";

/** A record as the Streams API's GetRecords returns it through the SDK (binary as bytes, the time as a Date). */
export interface GetRecordsRecord {
  eventID?: string;
  eventName?: string;
  eventVersion?: string;
  eventSource?: string;
  awsRegion?: string;
  dynamodb?: {
    ApproximateCreationDateTime?: Date;
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber?: string;
    SizeBytes?: number;
    StreamViewType?: string;
  };
}

/**
 * The event Lambda's DynamoDB event source mapping invokes with, built from what GetRecords
 * returned: the records as they are, with the stream's ARN as eventSourceARN, the creation time
 * in epoch seconds and binary values in base64, as Lambda serializes them.
 */
export function dynamoDbStreamEvent(streamArn: string, records: readonly GetRecordsRecord[]): DynamoDBStreamEvent {
  return {
    Records: records.map((record): DynamoDBRecord => {
      const { ApproximateCreationDateTime, ...change } = record.dynamodb ?? {};
      const lambdaRecord = {
        ...record,
        eventSourceARN: streamArn,
        dynamodb: { ...change, ...(ApproximateCreationDateTime && { ApproximateCreationDateTime: ApproximateCreationDateTime.getTime() / 1000 }) },
      };
      // Binary values (B, BS) arrive as bytes: Lambda's JSON carries them in base64.
      const json = JSON.stringify(lambdaRecord, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString("base64") : value));
      return JSON.parse(json) as DynamoDBRecord;
    }),
  };
}
