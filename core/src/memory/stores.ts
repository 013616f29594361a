import type { Stores } from "../ports/stores.js";
import { MemoryIdempotencyStore } from "./idempotency-store.js";
import { MemoryOrderStore } from "./order-store.js";
import { MemoryOutbox } from "./outbox.js";

/** SKYPORT_STORE=memory: both stores in this process, gone when it ends, and their change feed. */
export function memoryStores(): Stores {
  const changes = new MemoryOutbox();
  return { orders: new MemoryOrderStore(changes), idempotency: new MemoryIdempotencyStore(), changes, close: async () => {} };
}
