/// <reference path="./kinesalite.d.ts" />
import type { AddressInfo } from "node:net";
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordsCommand, type _Record } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import kinesalite from "kinesalite";

/** kinesalite running on loopback: its endpoint, and how to stop it. */
export interface Kinesalite {
  endpoint: string;
  stop(): Promise<void>;
}

/** kinesalite (an implementation of the Kinesis API on LevelDB, in memory here) on loopback, a free port. */
export async function startKinesalite(): Promise<Kinesalite> {
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A Kinesis client for a stand-in: the v3 client speaks HTTP/2 by default, which neither stand-in does. */
export function kinesisClient(endpoint: string): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    requestHandler: new NodeHttpHandler(),
  });
}

/** The records a producer put, read back from the shard with GetRecords, starting at `fromSequence`. */
export async function readShard(client: KinesisClient, streamName: string, fromSequence: string, count: number): Promise<_Record[]> {
  const { ShardIterator } = await client.send(
    new GetShardIteratorCommand({
      StreamName: streamName,
      ShardId: "shardId-000000000000",
      ShardIteratorType: "AT_SEQUENCE_NUMBER",
      StartingSequenceNumber: fromSequence,
    }),
  );
  const { Records = [] } = await client.send(new GetRecordsCommand({ ShardIterator, Limit: count }));
  return Records;
}

/** PutRecords, in order; answers each record's sequence number. */
export async function putRecords(client: KinesisClient, streamName: string, records: { key: string; data: string }[]): Promise<string[]> {
  const { Records = [], FailedRecordCount } = await client.send(
    new PutRecordsCommand({ StreamName: streamName, Records: records.map((r) => ({ PartitionKey: r.key, Data: new TextEncoder().encode(r.data) })) }),
  );
  if (FailedRecordCount) throw new Error(`PutRecords refused ${FailedRecordCount} records`);
  return Records.map((r) => r.SequenceNumber!);
}

/** The event Lambda's event source mapping builds from GetRecords' output: what the stream function receives. */
export function kinesisEvent(records: _Record[], streamArn: string, region = "us-east-1"): KinesisStreamEvent {
  return {
    Records: records.map(
      (record): KinesisStreamRecord => ({
        kinesis: {
          kinesisSchemaVersion: "1.0",
          partitionKey: record.PartitionKey!,
          sequenceNumber: record.SequenceNumber!,
          data: Buffer.from(record.Data!).toString("base64"),
          approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp ?? new Date()).getTime() / 1000,
        },
        eventSource: "aws:kinesis",
        eventVersion: "1.0",
        eventID: `shardId-000000000000:${record.SequenceNumber}`,
        eventName: "aws:kinesis:record",
        invokeIdentityArn: "arn:aws:iam::123456789012:role/skyport-orders-ship",
        awsRegion: region,
        eventSourceARN: streamArn,
      }),
    ),
  };
}
