import { CreateStreamCommand, DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { kinesisClient, kinesisEvent, putRecords, readShard, startKinesalite } from "@skyport/aws-lambda/testing";
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
    async close() {
      kinesis.destroy();
      await kinesalite.stop();
    },
  };
}
