import type { Firestore } from "@google-cloud/firestore";
import {
  checkDocument,
  checkKey,
  checkPutMany,
  decodePosition,
  DocumentExists,
  fieldsOf,
  newVersion,
  planQuery,
  planTransaction,
  VersionConflict,
  type Collection,
  type CollectionDeclaration,
  type DocumentKey,
  type PutOutcome,
  type Versioned,
} from "@skyport/core";
import { withinDeadline } from "../deadline.js";
import { documentId } from "./document-id.js";
import { readPage } from "./read-page.js";
import { liveDocument, replacement, storedBytes, storedDocument } from "./stored-document.js";
import { transact } from "./transaction.js";
import { commitBatches, type BatchWrite } from "./write-batches.js";
import { abortedAsUnavailable, contended, created, deletedIfUnchanged, replacedIfUnchanged, WRITE_ATTEMPTS } from "./write-conditions.js";

/**
 * A declared collection as the Firestore collection at `location`, one document per key. Single
 * writes are conditioned by preconditions on the update time read just before (no transaction,
 * so no lock contention); a transaction serves only transact().
 */
export function firestoreCollection<T>(firestore: Firestore, declaration: CollectionDeclaration<T>, location: string, deadlineMs: number): Collection<T> {
  const documents = firestore.collection(location);
  const refOf = (key: DocumentKey) => documents.doc(documentId(fieldsOf(declaration.key).map((field) => key[field]!)));
  // Each call within the store's deadline: unreachable, throttled or timed out is StoreUnavailable.
  const call = <R>(operation: string, run: () => Promise<R>) =>
    withinDeadline(`${location}.${operation}`, deadlineMs, () =>
      run().catch((error: unknown) => {
        throw abortedAsUnavailable(error);
      }),
    );
  const prepare = (value: T) => {
    const document = checkDocument(declaration, value);
    const version = newVersion();
    const data = storedDocument(declaration, document, value, version);
    const written: Versioned<T> = { value: JSON.parse(document.json) as T, version };
    return { key: document.key, data, written };
  };

  return {
    declaration,

    async get(key) {
      const target = refOf(checkKey(declaration, key));
      return call("get", async () => liveDocument(declaration, await target.get()));
    },

    async create(value) {
      const { key, data, written } = prepare(value);
      const target = refOf(key);
      return call("create", async () => {
        for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
          if (await created(target, data)) return written;
          const snapshot = await target.get();
          if (liveDocument(declaration, snapshot)) throw new DocumentExists(key);
          // Expired, and not yet deleted by the TTL policy: replaced, unless someone else writes it first.
          if (snapshot.exists && (await replacedIfUnchanged(target, replacement(declaration, data), snapshot.updateTime!))) return written;
        }
        throw contended();
      });
    },

    async put(value, condition = {}) {
      const { key, data, written } = prepare(value);
      const target = refOf(key);
      const { ifVersion } = condition;
      return call("put", async () => {
        if (ifVersion === undefined) {
          await target.set(data);
          return written;
        }
        const snapshot = await target.get();
        if (liveDocument(declaration, snapshot)?.version !== ifVersion) throw new VersionConflict(key);
        // Any write since the read fails the precondition: of racing puts from one version, one wins.
        if (!(await replacedIfUnchanged(target, replacement(declaration, data), snapshot.updateTime!))) throw new VersionConflict(key);
        return written;
      });
    },

    async delete(key, condition = {}) {
      const checked = checkKey(declaration, key);
      const target = refOf(checked);
      const { ifVersion } = condition;
      return call("delete", async () => {
        for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
          const snapshot = await target.get();
          const live = liveDocument(declaration, snapshot);
          if (ifVersion !== undefined && live?.version !== ifVersion) throw new VersionConflict(checked);
          if (!snapshot.exists) return false;
          // Preconditioned, so that the answer (was it there?) is about the document deleted.
          if (await deletedIfUnchanged(target, snapshot.updateTime!)) return live !== undefined;
          if (ifVersion !== undefined) throw new VersionConflict(checked);
        }
        throw contended();
      });
    },

    async query(query) {
      const plan = planQuery(declaration, query);
      const cursor = decodePosition(declaration, plan);
      return call("query", () => readPage(documents, declaration, plan, cursor));
    },

    async transact(operations) {
      const planned = planTransaction(declaration, operations);
      return call("transact", () => transact(firestore, declaration, refOf, planned));
    },

    async putMany(values) {
      checkPutMany(values);
      const outcomes: PutOutcome[] = new Array(values.length);
      const writes: BatchWrite[] = [];
      for (const [index, value] of values.entries()) {
        try {
          const { key, data, written } = prepare(value);
          writes.push({ index, target: refOf(key), data, bytes: storedBytes(data), version: written.version });
        } catch (error) {
          // An invalid value fails alone, before any batch is sent.
          outcomes[index] = { error: error as Error };
        }
      }
      await commitBatches(firestore, writes, outcomes, (run) => call("putMany", run));
      return outcomes;
    },
  };
}
