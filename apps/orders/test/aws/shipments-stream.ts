import { CreateStreamCommand, DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, type _Record } from "@aws-sdk/client-kinesis";
import { kinesisClient, kinesisEvent, putRecords, readShard, startKinesalite } from "@skyport/aws-lambda/testing/kinesis";
import type { KinesisStreamEvent } from "aws-lambda";

/**
 * The shipments stream of the template (a Kinesis data stream, partition key orderId) on kinesalite:
 * what a warehouse puts, read back with GetRecords and made into the event Lambda's mapping sends.
 */
export async function shipmentsStream(streamName = "skyport-orders-shipments") {
  const kinesalite = await startKinesalite();
  const kinesis = kinesisClient(kinesalite.endpoint);
  await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 }));
  const { StreamDescriptionSummary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  return {
    /** PutRecords, then the event of those records, as the ship function receives them. */
    async put(records: { key: string; data: string }[]): Promise<KinesisStreamEvent> {
      const sequences = await putRecords(kinesis, streamName, records);
      return kinesisEvent(await readShard(kinesis, streamName, sequences[0]!, records.length), StreamDescriptionSummary!.StreamARN!);
    },
    /** PutRecords only: their sequence numbers. */
    append: (records: { key: string; data: string }[]) => putRecords(kinesis, streamName, records),
    /** Every record of the shard after `afterSequence` (from its start without one), read with GetRecords. */
    async records(afterSequence?: string): Promise<_Record[]> {
      const { ShardIterator } = await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: "shardId-000000000000",
          ...(afterSequence ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: afterSequence } : { ShardIteratorType: "TRIM_HORIZON" }),
        }),
      );
      const found: _Record[] = [];
      for (let iterator = ShardIterator; iterator; ) {
        const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        if (!page.Records?.length) break;
        found.push(...page.Records);
        iterator = page.NextShardIterator;
      }
      return found;
    },
    /** The event Lambda's mapping builds from these records. */
    event: (records: _Record[]) => kinesisEvent(records, StreamDescriptionSummary!.StreamARN!),
    async close() {
      kinesis.destroy();
      await kinesalite.stop();
    },
  };
}
