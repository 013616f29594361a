import type { Container, OperationInput } from "@azure/cosmos";
import {
  checkDocument,
  checkKey,
  checkPutMany,
  decodePosition,
  DocumentExists,
  encodeCursor,
  inPartition,
  newVersion,
  planQuery,
  planTransaction,
  positionOf,
  StoreUnavailable,
  STORED_FIELDS,
  VersionConflict,
  type Collection,
  type CollectionDeclaration,
  type DocumentKey,
  type Operation,
  type OperationResult,
  type PutOutcome,
  type Query,
  type QueryPage,
  type Versioned,
  type WriteCondition,
} from "@skyport/core";
import { statusOf, storeFailure } from "../sdk-errors.js";
import { collectionFailure, ContainerPresence } from "./container-presence.js";
import {
  isTombstone,
  itemAddress,
  liveValue,
  partitionAttribute,
  queriedAttributes,
  resourceOf,
  toItem,
  tombstoneOf,
  type DocumentItem,
  type StoredItem,
} from "./item.js";
import { itemQuery } from "./item-query.js";
import { orderKey } from "./order-key.js";
import { failedOperation, plannedBatch } from "./transactional-batch.js";
import { upsertRounds } from "./upsert-rounds.js";

// Enough to meet a few concurrent writers between a read and its conditional write, and still answer.
const ATTEMPTS = 5;

/** One collection in its container; README "Collections" has the mapping of each call. */
export class CosmosCollection<T> implements Collection<T> {
  private readonly presence: ContainerPresence;

  constructor(
    readonly declaration: CollectionDeclaration<T>,
    private readonly container: Container,
    private readonly now: () => number,
  ) {
    this.presence = new ContainerPresence(container);
  }

  async get(key: DocumentKey): Promise<Versioned<T> | undefined> {
    const item = await this.read(checkKey(this.declaration, key));
    const value = item && liveValue(this.declaration, item, this.now());
    return value === undefined ? undefined : { value: value as T, version: item![STORED_FIELDS.version] };
  }

  async create(value: T): Promise<Versioned<T>> {
    const document = checkDocument(this.declaration, value);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const version = newVersion();
      const item = toItem(this.declaration, document, value, version, this.now());
      try {
        await this.container.items.create(item);
        return { value: JSON.parse(document.json) as T, version };
      } catch (error) {
        if (statusOf(error) !== 409) throw collectionFailure(error);
      }
      const existing = await this.read(document.key);
      if (existing && liveValue(this.declaration, existing, this.now()) !== undefined) throw new DocumentExists(document.key);
      // A tombstone, or expired but not yet removed by the TTL: take its place, unless another write does first.
      if (existing && (await this.replaceIfUnchanged(document.key, existing, item))) return { value: JSON.parse(document.json) as T, version };
    }
    throw new StoreUnavailable(new Error(`create of ${JSON.stringify(document.key)} kept meeting concurrent writes`));
  }

  async put(value: T, condition: WriteCondition = {}): Promise<Versioned<T>> {
    const document = checkDocument(this.declaration, value);
    const version = newVersion();
    const item = toItem(this.declaration, document, value, version, this.now());
    if (condition.ifVersion === undefined) {
      try {
        await this.container.items.upsert(item);
      } catch (error) {
        throw collectionFailure(error);
      }
    } else {
      // The version is ours, not the etag: read it, then write only over the etag read.
      const existing = await this.read(document.key);
      if (!this.isLiveAt(existing, condition.ifVersion) || !(await this.replaceIfUnchanged(document.key, existing!, item)))
        throw new VersionConflict(document.key);
    }
    return { value: JSON.parse(document.json) as T, version };
  }

  async delete(key: DocumentKey, condition: WriteCondition = {}): Promise<boolean> {
    const checked = checkKey(this.declaration, key);
    const { ifVersion } = condition;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const existing = await this.read(checked);
      if (ifVersion !== undefined && !this.isLiveAt(existing, ifVersion)) throw new VersionConflict(checked);
      // Already deleted: another tombstone would be a second delete on the change feed.
      if (!existing || isTombstone(existing)) return false;
      const wasLive = liveValue(this.declaration, existing, this.now()) !== undefined;
      // A tombstone in its place, so that the change feed carries the delete (an expired item's too).
      if (await this.replaceIfUnchanged(checked, existing, tombstoneOf(this.declaration, existing))) return wasLive;
      // Written or deleted since it was read: a conditioned delete has lost; another reads again.
      if (ifVersion !== undefined) throw new VersionConflict(checked);
    }
    throw new StoreUnavailable(new Error(`delete of ${JSON.stringify(checked)} kept meeting concurrent writes`));
  }

  async query(query: Query): Promise<QueryPage<T>> {
    const plan = planQuery(this.declaration, query);
    const cursor = decodePosition(this.declaration, plan);
    const { order } = queriedAttributes(this.declaration, plan.index);
    let after = cursor && orderKey(this.declaration, plan.index, cursor);
    // One past the limit tells whether another page exists; expired items thin a read, so read on.
    const wanted = plan.limit + 1;
    const found: Versioned<T>[] = [];
    for (;;) {
      const top = wanted - found.length;
      const spec = itemQuery(this.declaration, plan, after, top, this.now());
      let items: StoredItem[];
      try {
        const options = plan.index === undefined ? { partitionKey: plan.partition, maxItemCount: top } : { maxItemCount: top };
        items = (await this.container.items.query<StoredItem>(spec, options).fetchAll()).resources;
      } catch (error) {
        throw collectionFailure(error);
      }
      for (const item of items) {
        const value = liveValue(this.declaration, item, this.now());
        if (value !== undefined && inPartition(plan, value)) found.push({ value: value as T, version: item[STORED_FIELDS.version] });
      }
      if (items.length < top || found.length >= wanted || order === undefined) break;
      after = items.at(-1)![order] as string;
    }
    const items = found.slice(0, plan.limit);
    const last = items.at(-1);
    return {
      items,
      ...(found.length > plan.limit && last && { cursor: encodeCursor(plan.scope, positionOf(this.declaration, plan, last.value)) }),
    };
  }

  async transact(operations: readonly Operation<T>[]): Promise<OperationResult[]> {
    const planned = planTransaction(this.declaration, operations);
    const partitionKey = planned[0]!.key[this.declaration.key.partition]!;
    let lastError: unknown;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const stored = await this.readPartitionItems(
        partitionKey,
        planned.map(({ key }) => itemAddress(this.declaration, key).id),
      );
      const batch = plannedBatch(this.declaration, planned, stored, this.now());
      if (batch.operations.length === 0) return batch.results;
      let results: { statusCode: number }[];
      try {
        results = (await this.container.items.batch(batch.operations, partitionKey)).result ?? [];
      } catch (error) {
        // The SDK rethrows a failed batch as a plain Error, without its results: read again and decide from what is stored.
        lastError = error;
        continue;
      }
      const failed = failedOperation(results, batch.origins);
      if (failed === undefined) return batch.results;
      lastError = Object.assign(new Error(`batch operation ${failed.index} answered ${failed.status}`), { code: failed.status });
      // 412, 404 or 409: the partition changed since it was read; read it again and decide anew.
      if (![404, 409, 412].includes(failed.status)) throw new StoreUnavailable(lastError);
      if (attempt === ATTEMPTS - 1) {
        const { key } = planned[failed.index]!;
        throw failed.status === 409 ? new DocumentExists(key, failed.index) : new VersionConflict(key, failed.index);
      }
    }
    throw new StoreUnavailable(lastError);
  }

  async putMany(values: readonly T[]): Promise<PutOutcome[]> {
    checkPutMany(values);
    const outcomes: PutOutcome[] = new Array(values.length);
    const writes: { index: number; version: string; id: string; operation: OperationInput }[] = [];
    const nowMs = this.now();
    for (const [index, value] of values.entries()) {
      try {
        const document = checkDocument(this.declaration, value);
        const version = newVersion();
        const { id, partitionKey } = itemAddress(this.declaration, document.key);
        const resourceBody = resourceOf(toItem(this.declaration, document, value, version, nowMs));
        writes.push({ index, version, id, operation: { operationType: "Upsert", partitionKey, resourceBody } });
      } catch (error) {
        outcomes[index] = { error: error as Error };
      }
    }
    for (const round of upsertRounds(writes, ({ id, operation }) => JSON.stringify([operation.partitionKey, id]))) {
      let results: Awaited<ReturnType<Container["items"]["executeBulkOperations"]>>;
      try {
        results = await this.container.items.executeBulkOperations(round.map(({ operation }) => operation));
      } catch (error) {
        for (const { index } of round) outcomes[index] = { error: new StoreUnavailable(error) };
        continue;
      }
      for (const [i, { index, version }] of round.entries()) {
        const status = results[i]?.response?.statusCode;
        outcomes[index] = status !== undefined && status < 300 ? { version } : { error: new StoreUnavailable(results[i]?.error ?? results[i]?.response) };
      }
    }
    return outcomes;
  }

  /** Whether `item` is there, live, at `version`. */
  private isLiveAt(item: StoredItem | undefined, version: string): boolean {
    return item !== undefined && item[STORED_FIELDS.version] === version && liveValue(this.declaration, item, this.now()) !== undefined;
  }

  /** A point read; undefined when the item is not there (its container is). */
  private async read(key: DocumentKey): Promise<StoredItem | undefined> {
    const { id, partitionKey } = itemAddress(this.declaration, key);
    try {
      const response = await this.container.item(id, partitionKey).read<StoredItem>();
      if (response.resource === undefined) await this.presence.confirmAfterNotFound(response);
      return response.resource;
    } catch (error) {
      if (statusOf(error) !== 404) throw storeFailure(error);
      await this.presence.confirmAfterNotFound(error);
      return undefined;
    }
  }

  /** The items of one partition with these ids, as a transaction reads them before it writes. */
  private async readPartitionItems(partitionKey: string, ids: string[]): Promise<Map<string, StoredItem>> {
    // The partition in the filter too: the local server does not scope a query by its partitionKey option.
    const spec = {
      query: `SELECT * FROM c WHERE c.${partitionAttribute(this.declaration.key)} = @partition AND ARRAY_CONTAINS(@ids, c.id)`,
      parameters: [
        { name: "@partition", value: partitionKey },
        { name: "@ids", value: ids },
      ],
    };
    try {
      const { resources } = await this.container.items.query<StoredItem>(spec, { partitionKey }).fetchAll();
      return new Map(resources.map((item) => [item.id, item]));
    } catch (error) {
      throw collectionFailure(error);
    }
  }

  /** Replaces `existing` with `item` if nobody wrote it since it was read; false if somebody did (or deleted it). */
  private async replaceIfUnchanged(key: DocumentKey, existing: StoredItem, item: DocumentItem): Promise<boolean> {
    const { id, partitionKey } = itemAddress(this.declaration, key);
    try {
      await this.container.item(id, partitionKey).replace(item, { accessCondition: { type: "IfMatch", condition: existing._etag } });
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) await this.presence.confirmAfterNotFound(error);
      else if (status !== 412) throw storeFailure(error);
      return false;
    }
  }
}
