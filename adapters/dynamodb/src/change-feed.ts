import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamsClient, _Record } from "@aws-sdk/client-dynamodb-streams";
import type { DeclaredCollections, DocumentChange, DocumentChangeFeed, Env } from "@skyport/core";
import { storeError } from "./sdk-errors.js";
import { collectionTable } from "./settings.js";
import { fromStreamRecord } from "./stream-change.js";
import { TableStream } from "./table-stream.js";

interface CollectionStream {
  stream: TableStream;
  /** The changes read and not yet acknowledged, oldest first. */
  held: DocumentChange[];
  /** Reads run one at a time: two at once would hand the same records on twice. */
  reading: Promise<unknown>;
}

/**
 * The collections' tables' DynamoDB streams as their change feed, for the local server (on AWS the
 * event source mapping calls the function instead): a collection's changes are its table's records
 * (where SKYPORT_COLLECTION_<NAME> puts it), deletes included, read from the first call for it on.
 * Changes read and not yet acknowledged are held in memory, oldest first. There is no checkpoint
 * store: a restart hands on again whatever the stream still holds (24 hours), which is harmless
 * because consumers are idempotent, and is what makes a write committed just before a crash still announced.
 */
export class DynamoDbStreamChangeFeed implements DocumentChangeFeed {
  private readonly collections = new Map<string, CollectionStream>();

  constructor(
    private readonly tables: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    private readonly env: Env,
    private readonly declared: DeclaredCollections,
  ) {}

  /** Reads the collection's stream first, every call, so that a write that has returned is in the answer. */
  async pending(collection: string, limit: number): Promise<DocumentChange[]> {
    const read = this.streamOf(collection);
    const declaration = this.declared.get(collection)!;
    // The whole page, or (a record that cannot be read) none of it and the shard stays where it was.
    const take = (records: _Record[]) => read.held.push(...records.flatMap((record) => fromStreamRecord(record, declaration) ?? []));
    const next = read.reading.catch(() => {}).then(() => read.stream.readNew(take));
    read.reading = next;
    await next.catch((error: unknown) => {
      throw storeError(error);
    });
    return structuredClone(read.held.slice(0, limit));
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    const done = new Set(ids);
    for (const read of this.collections.values()) read.held = read.held.filter((change) => !done.has(change.id));
  }

  private streamOf(collection: string): CollectionStream {
    const known = this.collections.get(collection);
    if (known) return known;
    const declaration = this.declared.get(collection);
    if (!declaration) throw new Error(`no collection ${collection} in these documents (${[...this.declared.keys()].join(", ")})`);
    const read = { stream: new TableStream(this.tables, this.streams, collectionTable(this.env, declaration)), held: [], reading: Promise.resolve() };
    this.collections.set(collection, read);
    return read;
  }
}
