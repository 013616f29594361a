import { memoryDocuments, type Collection, type CollectionDeclaration, type Documents } from "@skyport/core";
import { orderStoresOn, type Stores } from "@skyport/core/orders";

const everyStore: RoundDocuments[] = [];

/**
 * Core's memory documents, emptied between rounds: otherwise every order of the run stays on the
 * heap (and in the memory outbox), and the garbage collector's growing work lands on whichever
 * handler happens to run. Skyport and the hand-written handlers each get one of these.
 */
class RoundDocuments implements Documents {
  private current = memoryDocuments();
  /** The current documents' collections, made once per round. */
  private collections = new Map<string, Collection<unknown>>();

  constructor() {
    everyStore.push(this);
  }

  collection<T>(declaration: CollectionDeclaration<T>): Collection<T> {
    const real = () => {
      const known = this.collections.get(declaration.name) as Collection<T> | undefined;
      if (known) return known;
      const made = this.current.collection(declaration);
      this.collections.set(declaration.name, made as Collection<unknown>);
      return made;
    };
    return {
      declaration,
      get: (key) => real().get(key),
      create: (value) => real().create(value),
      put: (value, condition) => real().put(value, condition),
      delete: (key, condition) => real().delete(key, condition),
      query: (query) => real().query(query),
      transact: (operations) => real().transact(operations),
      putMany: (values) => real().putMany(values),
    };
  }

  ensure(declarations: readonly CollectionDeclaration<unknown>[]): Promise<void> {
    return this.current.ensure(declarations);
  }

  async close(): Promise<void> {}

  empty(): void {
    this.current = memoryDocuments();
    this.collections = new Map();
  }
}

/** Memory documents that `emptyEveryStore` empties: what Skyport's composition root loads (SKYPORT_STORE=memory). */
export function roundDocuments(): Documents {
  return new RoundDocuments();
}

/** Core's order stores on round documents: what the hand-written handlers use. */
export function roundStores(): Stores {
  return orderStoresOn(roundDocuments());
}

export function emptyEveryStore(): void {
  for (const store of everyStore) store.empty();
}
