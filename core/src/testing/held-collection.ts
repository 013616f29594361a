import type { Collection } from "../collections/collection.js";

/** `collection` with its reads counted, and one read at a time able to be held after it has read. */
export function heldCollection<T>(collection: Collection<T>) {
  let reads = 0;
  let hold: Promise<void> | undefined;
  const held: Collection<T> = {
    ...collection,
    declaration: collection.declaration,
    async get(key) {
      reads++;
      const stored = await collection.get(key);
      const wait = hold;
      hold = undefined;
      await wait;
      return stored;
    },
  };
  return {
    held,
    reads: () => reads,
    /** The next read reads now and answers when the returned function is called. */
    holdNextRead(): () => void {
      let release!: () => void;
      hold = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
  };
}
