import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type _Record,
} from "@aws-sdk/client-dynamodb-streams";

/** How often the stream is described again for new shards while none closes (a closed shard asks at once). */
const DESCRIBE_EVERY_MS = 10_000;

interface ShardPosition {
  parent?: string;
  /** The next GetRecords from here; undefined before the first read, or once the shard is closed and read to its end. */
  iterator?: string;
  /** The last record read: where a replacement for an expired iterator starts. */
  after?: string;
  finished: boolean;
}

/**
 * One table's DynamoDB stream, read onwards. At its first read it finds the stream (DescribeTable
 * LatestStreamArn) and its shards, and reads every shard from TRIM_HORIZON, a child only once its
 * parent is read to the end, so that each item's records come in commit order.
 */
export class TableStream {
  private streamArn?: string;
  private readonly shards = new Map<string, ShardPosition>();
  private describedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly tables: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    readonly table: string,
  ) {}

  /**
   * Hands each page of records committed since the last read to `take`, in the stream's order. A page
   * `take` throws on is not passed (its shard stays where it was), and the error is the read's.
   */
  async readNew(take: (records: _Record[]) => void): Promise<void> {
    this.streamArn ??= await this.latestStreamArn();
    if (Date.now() - this.describedAt >= DESCRIBE_EVERY_MS) await this.describe();
    for (;;) {
      let closed = false;
      for (const [shardId, shard] of this.shards) {
        if (shard.finished || !this.parentFinished(shard)) continue;
        await this.readShard(shardId, shard, take);
        closed ||= shard.finished;
      }
      // A shard that closed has children (or soon will): read them in the same pass.
      if (!closed) return;
      await this.describe();
    }
  }

  /** Reads a shard up to its newest record; an open shard keeps its iterator for the next read. */
  private async readShard(shardId: string, shard: ShardPosition, take: (records: _Record[]) => void): Promise<void> {
    shard.iterator ??= await this.iterator(shardId, shard.after);
    let replaced = 0;
    while (shard.iterator) {
      const page = await this.records(shardId, shard);
      // An iterator replaced again and again is a stream that cannot be read now: the read fails, bounded.
      if (!page && ++replaced > 3) throw new Error(`the stream of ${this.table} gives no readable iterator for shard ${shardId}`);
      if (!page) continue;
      const records = page.Records ?? [];
      take(records);
      shard.after = records.at(-1)?.dynamodb?.SequenceNumber ?? shard.after;
      shard.iterator = page.NextShardIterator;
      // No records: the newest of an open shard is reached (a closed one ends with no next iterator).
      if (records.length === 0) break;
    }
    shard.finished = shard.iterator === undefined;
  }

  /**
   * One GetRecords page; undefined when the iterator had expired (15 minutes unused) and was replaced,
   * or pointed past the shard's trim horizon (records gone with the stream's retention, or a stand-in
   * that trimmed them) and starts again at the oldest record there is: at least once, never stuck.
   */
  private async records(shardId: string, shard: ShardPosition) {
    try {
      return await this.streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (name === "ExpiredIteratorException") shard.iterator = await this.iterator(shardId, shard.after);
      else if (name === "TrimmedDataAccessException") shard.iterator = await this.iterator(shardId, undefined);
      else throw error;
      return undefined;
    }
  }

  private async iterator(shardId: string, after: string | undefined): Promise<string | undefined> {
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(after ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: after } : { ShardIteratorType: "TRIM_HORIZON" }),
      }),
    );
    return ShardIterator;
  }

  /** Learns the stream's shards (new ones are appended: a parent is listed before its children). */
  private async describe(): Promise<void> {
    let from: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: from }));
      for (const shard of StreamDescription?.Shards ?? []) this.learn(shard);
      from = StreamDescription?.LastEvaluatedShardId;
    } while (from);
    this.describedAt = Date.now();
  }

  private learn({ ShardId, ParentShardId }: Shard): void {
    if (ShardId && !this.shards.has(ShardId)) this.shards.set(ShardId, { parent: ParentShardId, finished: false });
  }

  /** A parent the stream no longer lists (trimmed) counts as finished. */
  private parentFinished(shard: ShardPosition): boolean {
    const parent = shard.parent === undefined ? undefined : this.shards.get(shard.parent);
    return parent === undefined || parent.finished;
  }

  private async latestStreamArn(): Promise<string> {
    const { Table } = await this.tables.send(new DescribeTableCommand({ TableName: this.table }));
    const view = Table?.StreamSpecification?.StreamViewType;
    if (!Table?.LatestStreamArn || !Table.StreamSpecification?.StreamEnabled || view !== "NEW_AND_OLD_IMAGES")
      throw new Error(`table ${this.table} has no stream of NEW_AND_OLD_IMAGES: create it as tableDefinition declares it (ensure)`);
    return Table.LatestStreamArn;
  }
}
