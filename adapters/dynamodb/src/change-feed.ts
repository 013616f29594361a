import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamsClient, _Record } from "@aws-sdk/client-dynamodb-streams";
import { fieldsOf, type Change, type ChangeFeed, type CollectionDeclaration, type Env } from "@skyport/core";
import { storeError } from "./sdk-errors.js";
import { collectionTable } from "./settings.js";
import { fromStreamRecord } from "./stream-change.js";
import { TableStream } from "./table-stream.js";

interface CollectionStream {
  stream: TableStream;
  keyFields: readonly string[];
  /** The changes read and not yet acknowledged, oldest first. */
  held: Change[];
  /** Reads run one at a time: two at once would hand the same records on twice. */
  reading: Promise<unknown>;
}

/**
 * The declared collections' tables' DynamoDB streams as a change feed, for the local server (on AWS
 * the event source mapping calls the function instead): a collection's changes are its table's
 * records (where SKYPORT_COLLECTION_<NAME> puts it), handed on with the items as the table holds
 * them, deletes included. Changes read and not yet acknowledged are held in memory, oldest first.
 * There is no checkpoint store: a restart hands on again whatever the stream still holds (24 hours),
 * which is harmless because consumers are idempotent, and is what makes an order committed just
 * before a crash still announced.
 */
export class DynamoDbStreamChangeFeed implements ChangeFeed {
  private readonly collections: ReadonlyMap<string, CollectionStream>;

  constructor(tables: DynamoDBClient, streams: DynamoDBStreamsClient, env: Env, declarations: readonly CollectionDeclaration<unknown>[]) {
    this.collections = new Map(
      declarations.map((declaration) => [
        declaration.name,
        {
          stream: new TableStream(tables, streams, collectionTable(env, declaration)),
          keyFields: fieldsOf(declaration.key),
          held: [],
          reading: Promise.resolve(),
        },
      ]),
    );
  }

  /** Reads the collection's stream first, every call, so that a write that has returned is in the answer. */
  async pending(collection: string, limit: number): Promise<Change[]> {
    const read = this.collections.get(collection);
    if (!read) throw new Error(`no collection ${collection} in these stores (${[...this.collections.keys()].join(", ")})`);
    // The whole page, or (a record that cannot be read) none of it and the shard stays where it was.
    const take = (records: _Record[]) => read.held.push(...records.map((record) => fromStreamRecord(record, read.keyFields)));
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
}
