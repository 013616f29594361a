import { MemoryIdempotencyStore } from "../src/index.js";
import { MemoryOrderStore } from "../src/orders/index.js";
import { storeContract } from "../src/orders/testing/index.js";

storeContract("memory", () => {
  const idempotency = new MemoryIdempotencyStore();
  return { orders: new MemoryOrderStore(), idempotency, recordOf: (key, now) => idempotency.recordOf(key, now), ttlExpiry: false };
});
