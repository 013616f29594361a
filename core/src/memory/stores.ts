import type { Stores } from "../ports/stores.js";
import { MemoryIdempotencyStore } from "./idempotency-store.js";
import { MemoryOrderStore } from "./order-store.js";

/** SKYPORT_STORE=memory: both stores in this process, gone when it ends. */
export function memoryStores(): Stores {
  return { orders: new MemoryOrderStore(), idempotency: new MemoryIdempotencyStore(), close: async () => {} };
}
