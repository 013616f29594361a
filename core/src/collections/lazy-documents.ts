import { envReader, readAll, type Env } from "../config/env.js";
import type { StoreKind } from "../config/config.js";
import type { DocumentChangeFeed } from "./change.js";
import type { Collection, Documents } from "./collection.js";
import type { CollectionDeclaration } from "./declaration.js";

/** How an entry point makes one store's documents: its SDK imported on first use, its settings checked at start. */
export interface DocumentsLoader {
  (env: Env): Documents | Promise<Documents>;
  /** Checks the store's settings without loading its SDK. */
  check?(env: Env): void;
}

/**
 * The documents of the store SKYPORT_STORE names (else `defaultStore`), among the ones the entry
 * carries: the setting and the store's own settings are read now (a wrong one fails the start,
 * naming it); the store itself is loaded by the first call that needs it, so a cold start loads
 * only the configured store's SDK, and only once something reads or writes.
 */
export function lazyDocuments(env: Env, loaders: Readonly<Record<StoreKind, DocumentsLoader>>, defaultStore: StoreKind): Documents {
  const [kind] = readAll(
    () => envReader(env).oneOf("SKYPORT_STORE", Object.keys(loaders), defaultStore),
    () => loaders[envReader(env).optional("SKYPORT_STORE") ?? defaultStore]?.check?.(env),
  );
  return deferredDocuments(() => loaders[kind]!(env));
}

/**
 * Documents that `load` makes at the first call that needs them (and again after a load that
 * failed): what an entry point hands out before its store is built.
 */
export function deferredDocuments(load: () => Documents | Promise<Documents>): Documents {
  let loaded: Promise<Documents> | undefined;
  const documents = () =>
    (loaded ??= Promise.resolve()
      .then(load)
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      }));
  const changes: DocumentChangeFeed = {
    pending: async (collection, limit) => (await feedOf(await documents())).pending(collection, limit),
    acknowledge: async (ids) => (await feedOf(await documents())).acknowledge(ids),
  };
  return {
    collection<T>(declaration: CollectionDeclaration<T>): Collection<T> {
      const real = async () => (await documents()).collection(declaration);
      return {
        declaration,
        get: async (key) => (await real()).get(key),
        create: async (value) => (await real()).create(value),
        put: async (value, condition) => (await real()).put(value, condition),
        delete: async (key, condition) => (await real()).delete(key, condition),
        query: async (query) => (await real()).query(query),
        transact: async (operations) => (await real()).transact(operations),
        putMany: async (values) => (await real()).putMany(values),
      };
    },
    ensure: async (declarations) => (await documents()).ensure(declarations),
    changes,
    close: async () => {
      if (loaded) await (await loaded).close();
    },
  };
}

async function feedOf(documents: Documents): Promise<DocumentChangeFeed> {
  if (!documents.changes) throw new Error("the configured store keeps no change feed that this runtime can read");
  return documents.changes;
}
