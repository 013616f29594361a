import type { Clock } from "../ports/clock.js";
import { DocumentExists, VersionConflict } from "../ports/errors.js";
import type { DocumentChange, DocumentChangeFeed } from "./change.js";
import type { Collection, DocumentKey, Documents, OperationResult, PutOutcome, Versioned } from "./collection.js";
import type { CollectionDeclaration } from "./declaration.js";
import { afterCursor, encodeCursor, comparePositions, decodePosition, inPartition, planQuery, positionOf } from "./query-plan.js";
import { checkDocument, checkKey, isExpired } from "./rules.js";
import { checkPutMany, planTransaction } from "./transaction-plan.js";

interface Stored {
  json: string;
  version: string;
}

/**
 * SKYPORT_STORE=memory: every collection in this process, gone when it ends. The reference the
 * other stores are held to: each call checks its input as they do and answers as they must.
 */
export function memoryDocuments(options: { clock?: Clock } = {}): Documents {
  const now = () => (options.clock ?? { now: () => new Date() }).now().getTime();
  const tables = new Map<string, Map<string, Stored>>();
  let sequence = 0;
  // Never reused, also across a delete and a re-create.
  const nextVersion = () => `m${(++sequence).toString(36)}`;
  // Recorded in the same synchronous step as the write: the memory store's outbox.
  const log: (DocumentChange & { collection: string })[] = [];
  let position = 0;
  const record = (collection: string, change: Omit<DocumentChange, "id" | "committedAt">) =>
    log.push(structuredClone({ ...change, collection, id: String(++position), committedAt: new Date().toISOString() }));
  const changes: DocumentChangeFeed = {
    async pending(collection, limit) {
      return log
        .filter((change) => change.collection === collection)
        .slice(0, limit)
        .map(({ collection: _, ...change }) => structuredClone(change));
    },
    async acknowledge(ids) {
      const done = new Set(ids);
      for (let i = log.length - 1; i >= 0; i--) if (done.has(log[i]!.id)) log.splice(i, 1);
    },
  };
  return {
    changes,
    collection<T>(declaration: CollectionDeclaration<T>): Collection<T> {
      const table = tables.get(declaration.name) ?? new Map<string, Stored>();
      tables.set(declaration.name, table);
      const idOf = (key: DocumentKey) => JSON.stringify(Object.values(key));
      const live = (key: DocumentKey): Stored | undefined => {
        const stored = table.get(idOf(key));
        return stored && !isExpired(declaration, JSON.parse(stored.json), now()) ? stored : undefined;
      };
      const read = (stored: Stored): Versioned<T> => ({ value: JSON.parse(stored.json) as T, version: stored.version });
      const write = (key: DocumentKey, json: string): Versioned<T> => {
        const previous = live(key);
        const stored = { json, version: nextVersion() };
        table.set(idOf(key), stored);
        record(declaration.name, {
          type: previous ? "updated" : "created",
          key,
          version: stored.version,
          value: JSON.parse(json),
          ...(previous && { previous: JSON.parse(previous.json) }),
        });
        return read(stored);
      };
      const remove = (key: DocumentKey): boolean => {
        const previous = live(key);
        table.delete(idOf(key));
        if (previous) record(declaration.name, { type: "deleted", key, version: previous.version, previous: JSON.parse(previous.json) });
        return previous !== undefined;
      };
      const conflict = (key: DocumentKey, ifVersion: string | undefined) => ifVersion !== undefined && live(key)?.version !== ifVersion;
      return {
        declaration,
        async get(key) {
          const stored = live(checkKey(declaration, key));
          return stored && read(stored);
        },
        async create(value) {
          const { key, json } = checkDocument(declaration, value);
          if (live(key)) throw new DocumentExists(key);
          return write(key, json);
        },
        async put(value, condition = {}) {
          const { key, json } = checkDocument(declaration, value);
          if (conflict(key, condition.ifVersion)) throw new VersionConflict(key);
          return write(key, json);
        },
        async delete(key, condition = {}) {
          const checked = checkKey(declaration, key);
          if (conflict(checked, condition.ifVersion)) throw new VersionConflict(checked);
          return remove(checked);
        },
        async query(query) {
          const plan = planQuery(declaration, query);
          const cursor = decodePosition(declaration, plan);
          const direction = plan.descending ? -1 : 1;
          const matches = [...table.values()]
            .map((stored) => ({ stored, value: JSON.parse(stored.json) as unknown }))
            .filter(({ value }) => inPartition(plan, value) && !isExpired(declaration, value, now()))
            .map((match) => ({ ...match, position: positionOf(declaration, plan, match.value) }))
            .filter(({ position }) => afterCursor(declaration, plan, cursor, position))
            .sort((a, b) => direction * comparePositions(declaration, a.position, b.position));
          const items = matches.slice(0, plan.limit);
          const last = items.at(-1);
          return {
            items: items.map(({ stored }) => read(stored)),
            ...(matches.length > plan.limit && last && { cursor: encodeCursor(plan.scope, last.position) }),
          };
        },
        async transact(operations) {
          const planned = planTransaction(declaration, operations);
          // Every condition first, then every write: all or nothing, as nothing else runs in between.
          for (const [index, operation] of planned.entries()) {
            if (operation.kind === "create" && live(operation.key)) throw new DocumentExists(operation.key, index);
            if (operation.kind !== "create" && conflict(operation.key, operation.ifVersion)) throw new VersionConflict(operation.key, index);
          }
          return planned.map((operation): OperationResult => {
            if (operation.kind === "create" || operation.kind === "put") return { version: write(operation.key, operation.document.json).version };
            if (operation.kind === "delete") remove(operation.key);
            return {};
          });
        },
        async putMany(values) {
          checkPutMany(values);
          return values.map((value): PutOutcome => {
            try {
              const { key, json } = checkDocument(declaration, value);
              return { version: write(key, json).version };
            } catch (error) {
              return { error: error as Error };
            }
          });
        },
      };
    },
    async ensure() {},
    async close() {},
  };
}
