import type { Collection, Documents } from "../collections/collection.js";
import type { CollectionDeclaration } from "../collections/declaration.js";
import { StoreUnavailable } from "../ports/errors.js";

const CALLS = ["get", "create", "put", "delete", "query", "transact", "putMany"] as const;
type CollectionCall = (typeof CALLS)[number];

/** A store's documents with every collection call counted, and able to crash: what the import's bench counts and its tests break. */
export interface CountedDocuments {
  documents: Documents;
  /** Collection calls made so far, in all. */
  readonly calls: number;
  /** The same, by call (`create`, `putMany`, ...). */
  readonly byCall: Readonly<Record<CollectionCall, number>>;
  /**
   * A crash after the `call`-th call from now: that call reaches the store and its answer is lost,
   * and every later call fails before reaching it, until `heal()`.
   */
  crashAfter(call: number): void;
  heal(): void;
}

/** Counts (and crashes) the calls of `documents`' collections; `ensure`, `changes` and `close` pass through. */
export function countedDocuments(documents: Documents): CountedDocuments {
  const byCall = Object.fromEntries(CALLS.map((call) => [call, 0])) as Record<CollectionCall, number>;
  let calls = 0;
  let crashAt: number | undefined;
  const counted = async <R>(call: CollectionCall, run: () => Promise<R>): Promise<R> => {
    const number = ++calls;
    byCall[call] += 1;
    if (crashAt !== undefined && number > crashAt) throw new StoreUnavailable(new Error(`crashed after call ${crashAt}`));
    const answer = await run();
    if (crashAt !== undefined && number === crashAt) throw new StoreUnavailable(new Error(`crashed after call ${crashAt}, its answer lost`));
    return answer;
  };
  const collection = <T>(declaration: CollectionDeclaration<T>): Collection<T> => {
    const inner = documents.collection(declaration);
    return {
      declaration,
      get: (key) => counted("get", () => inner.get(key)),
      create: (value) => counted("create", () => inner.create(value)),
      put: (value, condition) => counted("put", () => inner.put(value, condition)),
      delete: (key, condition) => counted("delete", () => inner.delete(key, condition)),
      query: (query) => counted("query", () => inner.query(query)),
      transact: (operations) => counted("transact", () => inner.transact(operations)),
      putMany: (values) => counted("putMany", () => inner.putMany(values)),
    };
  };
  return {
    documents: {
      collection,
      ensure: (declarations) => documents.ensure(declarations),
      ...(documents.changes && { changes: documents.changes }),
      close: () => documents.close(),
    },
    get calls() {
      return calls;
    },
    byCall,
    crashAfter(call) {
      crashAt = calls + call;
    },
    heal() {
      crashAt = undefined;
    },
  };
}
