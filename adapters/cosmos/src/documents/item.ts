import type { JSONObject } from "@azure/cosmos";
import {
  fieldsOf,
  isExpired,
  positionOf,
  STORED_FIELDS,
  type CheckedDocument,
  type CollectionDeclaration,
  type DocumentKey,
  type KeyShape,
  type QueryPlan,
} from "@skyport/core";
import { itemId } from "./item-id.js";
import { orderKey } from "./order-key.js";

/**
 * A document as Cosmos DB holds it. The value is its checked JSON text in `$document` (it round-trips
 * exactly, and no store field can clash with the app's), its version in `$version`, as every store
 * keeps them (core's STORED_FIELDS: a change feed's raw item reads back as the document in core);
 * beside them only what queries, conditions and the TTL need. Field names are prefixed so that no
 * key or index field can take `id`, `ttl` or `_etag`.
 */
export interface DocumentItem {
  /** See `itemId`. */
  id: string;
  /** The version the port answers: ours, not `_etag`, so that a transaction's check can rewrite an item unchanged. */
  [STORED_FIELDS.version]: string;
  /** The document's JSON. */
  [STORED_FIELDS.document]: string;
  /** When it expires (epoch ms), where it does: queries filter on it. */
  exp?: number;
  /** Seconds until Cosmos DB deletes it (the container's defaultTtl is -1). */
  ttl?: number;
  /** On a tombstone only (see `tombstoneOf`). */
  [STORED_FIELDS.deleted]?: true;
  /** `p_<partition field>`: the partition key; `s_<sort field>`: the key's order; `i_<index>` and `o_<index>`: an index's partition and order. */
  [attribute: string]: string | number | boolean | undefined;
}

/** An item as a batch operation's body: its optional fields are simply absent. */
export const resourceOf = (item: DocumentItem) => item as unknown as JSONObject;

/** The item as read back, with what Cosmos DB adds. */
export type StoredItem = DocumentItem & { _etag: string };

/** The partition key attribute: named after the field, so that a container shows the key it was made for. */
export const partitionAttribute = (shape: KeyShape) => `p_${shape.partition}`;
/** The attribute that orders the primary key's sort field. */
export const sortAttribute = (shape: KeyShape) => `s_${shape.sort}`;
/** An index's attributes: index names are a-z 0-9 -, attribute names take _ for -. */
export const indexPartitionAttribute = (index: string) => `i_${index.replace(/-/g, "_")}`;
export const indexOrderAttribute = (index: string) => `o_${index.replace(/-/g, "_")}`;

/** The attributes a query reads: its partition and its order. */
export function queriedAttributes(declaration: CollectionDeclaration<unknown>, index: string | undefined): { partition: string; order?: string } {
  if (index !== undefined) return { partition: indexPartitionAttribute(index), order: indexOrderAttribute(index) };
  return declaration.key.sort === undefined
    ? { partition: partitionAttribute(declaration.key) }
    : { partition: partitionAttribute(declaration.key), order: sortAttribute(declaration.key) };
}

/** The id and partition key value of the item holding `key`. */
export function itemAddress(declaration: CollectionDeclaration<unknown>, key: DocumentKey): { id: string; partitionKey: string } {
  const { partition, sort } = declaration.key;
  return { id: itemId(key[sort ?? partition]!), partitionKey: key[partition]! };
}

// Past its expiry a document is hidden by our own filter at once; Cosmos DB's TTL only removes it later. The slack covers clock skew with the server.
export const TTL_SLACK_SECONDS = 60;

/** The item that holds a checked document at `version`, written at `nowMs`. */
export function toItem(declaration: CollectionDeclaration<unknown>, document: CheckedDocument, value: unknown, version: string, nowMs: number): DocumentItem {
  const { key } = document;
  const item: DocumentItem = {
    id: itemAddress(declaration, key).id,
    [STORED_FIELDS.version]: version,
    [STORED_FIELDS.document]: document.json,
    [partitionAttribute(declaration.key)]: key[declaration.key.partition]!,
  };
  if (declaration.key.sort !== undefined) item[sortAttribute(declaration.key)] = orderKey(declaration, undefined, { sort: key[declaration.key.sort]!, key });
  for (const [index, shape] of Object.entries(declaration.indexes)) {
    const fields = value as Record<string, unknown>;
    // A document without an index's fields is not in that index.
    if (!fieldsOf(shape).every((field) => typeof fields[field] === "string")) continue;
    const plan = { shape } as QueryPlan;
    item[indexPartitionAttribute(index)] = fields[shape.partition] as string;
    item[indexOrderAttribute(index)] = orderKey(declaration, index, positionOf(declaration, plan, value));
  }
  if (document.expiresAtMs !== undefined) {
    item.exp = document.expiresAtMs;
    item.ttl = ttlSeconds(document.expiresAtMs, nowMs);
  }
  return item;
}

/** Cosmos DB counts `ttl` from the item's last write: the seconds from `nowMs` until `expiresAtMs`, never early. */
export function ttlSeconds(expiresAtMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((expiresAtMs - nowMs) / 1000)) + TTL_SLACK_SECONDS;
}

const SYSTEM_PROPERTIES = new Set(["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"]);

/** A stored item as written again unchanged (a transaction's check), its TTL counted from now. */
export function rewritten(item: StoredItem, nowMs: number): DocumentItem {
  const kept = Object.fromEntries(Object.entries(item).filter(([name]) => !SYSTEM_PROPERTIES.has(name))) as DocumentItem;
  return kept.exp === undefined ? kept : { ...kept, ttl: ttlSeconds(kept.exp, nowMs) };
}

/**
 * How long a deleted document's tombstone stays (then Cosmos DB's TTL removes it): the time a change feed
 * consumer has to read the delete, 24 hours as DynamoDB Streams keep a record. A trigger that lags further
 * sees no delete at all, as the latest-version feed never shows a removed item.
 */
export const TOMBSTONE_TTL_SECONDS = 24 * 60 * 60;

/**
 * What a delete writes in place of the item: the change feed in latest-version mode carries no deletes,
 * so a delete is a replace the feed does carry. It keeps what names the document (id, partition and sort
 * attributes), the document and the version deleted (a delete change's `previous` and `version`), and
 * marks `$deleted`; it drops the index attributes and the expiry, and Cosmos DB removes it after
 * TOMBSTONE_TTL_SECONDS. Every call treats it as absent (`liveValue`).
 */
export function tombstoneOf(declaration: CollectionDeclaration<unknown>, item: DocumentItem): DocumentItem {
  const tombstone: DocumentItem = {
    id: item.id,
    [STORED_FIELDS.version]: item[STORED_FIELDS.version],
    [STORED_FIELDS.document]: item[STORED_FIELDS.document],
    [STORED_FIELDS.deleted]: true,
    [partitionAttribute(declaration.key)]: item[partitionAttribute(declaration.key)],
    ttl: TOMBSTONE_TTL_SECONDS,
  };
  if (declaration.key.sort !== undefined) tombstone[sortAttribute(declaration.key)] = item[sortAttribute(declaration.key)];
  return tombstone;
}

/** Whether the item is a deleted document's tombstone. */
export const isTombstone = (item: DocumentItem) => item[STORED_FIELDS.deleted] === true;

/** A stored item's value, or undefined for a tombstone or past its expiry: absent to every call, whether or not the TTL has removed it yet. */
export function liveValue(declaration: CollectionDeclaration<unknown>, item: DocumentItem, nowMs: number): unknown {
  if (isTombstone(item)) return undefined;
  const value: unknown = JSON.parse(item[STORED_FIELDS.document]);
  return isExpired(declaration, value, nowMs) ? undefined : value;
}
