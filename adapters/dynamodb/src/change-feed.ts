import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, type DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type Shard } from "@aws-sdk/client-dynamodb-streams";
import type { Change, ChangeFeed } from "@skyport/core";
import { storeError } from "./sdk-errors.js";
import { fromStreamRecord } from "./stream-change.js";
import { ORDERS_TABLE } from "./table.js";

/** The table's collections a change feed can be asked for: the items whose partition key has the prefix. */
const COLLECTIONS: ReadonlyMap<string, string> = new Map([["orders", ORDERS_TABLE.orderPrefix]]);

function collectionOf(key: string): string | undefined {
  for (const [collection, prefix] of COLLECTIONS) if (key.startsWith(prefix)) return collection;
  return undefined;
}

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
 * The table's DynamoDB stream as a change feed, for the local server (on AWS the event source
 * mapping calls the function instead). At its first read it finds the stream (DescribeTable
 * LatestStreamArn) and its shards, and reads every shard from TRIM_HORIZON, a child only once its
 * parent is read to the end, so that each item's changes come in commit order. Changes read and not
 * yet acknowledged are held in memory, oldest first. There is no checkpoint store: a restart hands
 * on again whatever the stream still holds (24 hours), which is harmless because consumers are
 * idempotent, and is what makes an order committed just before a crash still announced.
 */
export class DynamoDbStreamChangeFeed implements ChangeFeed {
  private streamArn?: string;
  private readonly shards = new Map<string, ShardPosition>();
  /** Per collection, the changes read and not yet acknowledged, oldest first. */
  private readonly held = new Map([...COLLECTIONS.keys()].map((collection) => [collection, [] as Change[]]));
  private describedAt = Number.NEGATIVE_INFINITY;
  /** Reads run one at a time: two at once would hand the same records on twice. */
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tables: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    private readonly table: string,
  ) {}

  /** Reads the shards first, every call, so that a write that has returned is in the answer. */
  async pending(collection: string, limit: number): Promise<Change[]> {
    if (!this.held.has(collection)) throw new Error(`the DynamoDB table holds no collection ${collection} (it holds: ${[...COLLECTIONS.keys()].join(", ")})`);
    const read = this.reading.catch(() => {}).then(() => this.readNew());
    this.reading = read;
    await read.catch((error: unknown) => {
      throw storeError(error);
    });
    return structuredClone(this.held.get(collection)?.slice(0, limit) ?? []);
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    const done = new Set(ids);
    const kept = (change: Change) => !done.has(change.id);
    for (const [collection, held] of this.held) this.held.set(collection, held.filter(kept));
  }

  private async readNew(): Promise<void> {
    this.streamArn ??= await this.latestStreamArn();
    if (Date.now() - this.describedAt >= DESCRIBE_EVERY_MS) await this.describe();
    for (;;) {
      let closed = false;
      for (const [shardId, shard] of this.shards) {
        if (shard.finished || !this.parentFinished(shard)) continue;
        await this.readShard(shardId, shard);
        closed ||= shard.finished;
      }
      // A shard that closed has children (or soon will): read them in the same pass.
      if (!closed) return;
      await this.describe();
    }
  }

  /** Reads a shard up to its newest record; an open shard keeps its iterator for the next read. */
  private async readShard(shardId: string, shard: ShardPosition): Promise<void> {
    shard.iterator ??= await this.iterator(shardId, shard.after);
    while (shard.iterator) {
      const page = await this.records(shardId, shard);
      if (!page) continue;
      const records = page.Records ?? [];
      // The whole page, or (a record that cannot be read) none of it and the shard stays where it was.
      const changes = records.map(fromStreamRecord);
      // Not an item of a collection (an idempotency record): nobody asks for it, so it is not kept.
      for (const change of changes) if (change) this.held.get(collectionOf(change.key) ?? "")?.push(change);
      shard.after = records.at(-1)?.dynamodb?.SequenceNumber ?? shard.after;
      shard.iterator = page.NextShardIterator;
      // No records: the newest of an open shard is reached (a closed one ends with no next iterator).
      if (records.length === 0) break;
    }
    shard.finished = shard.iterator === undefined;
  }

  /** One GetRecords page; undefined when the iterator had expired (15 minutes unused) and was replaced. */
  private async records(shardId: string, shard: ShardPosition) {
    try {
      return await this.streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
    } catch (error) {
      if ((error as { name?: unknown }).name !== "ExpiredIteratorException") throw error;
      shard.iterator = await this.iterator(shardId, shard.after);
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
      throw new Error(`table ${this.table} has no stream of NEW_AND_OLD_IMAGES: create it as ordersTableDefinition does (StreamSpecification)`);
    return Table.LatestStreamArn;
  }
}
