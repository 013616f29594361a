import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from "@aws-sdk/client-dynamodb-streams";
import { dynamoDbLocalClient } from "./local-client.js";

/** A stream record as GetRecords returns it, with the stream's ARN (what Lambda adds as eventSourceARN). */
export interface StreamRecord {
  streamArn: string;
  record: _Record;
}

/**
 * Reads a table's stream from DynamoDB Local (which serves the Streams API on its own port) as
 * Lambda's event source mapping would: every shard from its start, then onwards from where the
 * last read stopped; `rewind` starts a shard again at a record, as a reported failure does.
 */
export function dynamoDbStreamReader(endpoint: string, table: string) {
  const streams = new DynamoDBStreamsClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
  const positions = new Map<string, { after?: string; at?: string }>();
  const shardOf = new Map<string, string>();
  let streamArn: string | undefined;

  async function iterator(shardId: string): Promise<string | undefined> {
    const position = positions.get(shardId) ?? {};
    const [type, sequence] = position.at
      ? (["AT_SEQUENCE_NUMBER", position.at] as const)
      : position.after
        ? (["AFTER_SEQUENCE_NUMBER", position.after] as const)
        : (["TRIM_HORIZON", undefined] as const);
    const answer = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequence }),
    );
    return answer.ShardIterator;
  }

  return {
    /** Every record committed since the last read, shard by shard in the stream's order. */
    async read(): Promise<StreamRecord[]> {
      streamArn ??= (await dynamoDbLocalClient(endpoint).send(new DescribeTableCommand({ TableName: table }))).Table?.LatestStreamArn;
      if (!streamArn) throw new Error(`table ${table} has no stream: create it with StreamSpecification`);
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
      const found: StreamRecord[] = [];
      for (const { ShardId } of StreamDescription?.Shards ?? []) {
        let next = await iterator(ShardId!);
        while (next) {
          const page = await streams.send(new GetRecordsCommand({ ShardIterator: next, Limit: 1000 }));
          for (const record of page.Records ?? []) {
            found.push({ streamArn, record });
            shardOf.set(record.dynamodb!.SequenceNumber!, ShardId!);
          }
          if (!page.Records?.length) break;
          positions.set(ShardId!, { after: page.Records.at(-1)!.dynamodb!.SequenceNumber });
          next = page.NextShardIterator;
        }
      }
      return found;
    },
    /** The next read starts again at this record, in its shard (Lambda's checkpoint on a reported failure). */
    rewind(sequenceNumber: string) {
      const shardId = shardOf.get(sequenceNumber);
      if (!shardId) throw new Error(`no record ${sequenceNumber} was read`);
      positions.set(shardId, { at: sequenceNumber });
    },
    close: () => streams.destroy(),
  };
}
