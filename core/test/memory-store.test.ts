import { MemoryIdempotencyStore, MemoryOrderStore, type IdempotencyRecord } from "../src/index.js";
import { storeContract } from "../src/testing/index.js";

storeContract("memory", () => {
  const records = new Map<string, IdempotencyRecord>();
  return {
    orders: new MemoryOrderStore(),
    idempotency: new MemoryIdempotencyStore(records),
    recordOf: async (key, now) => {
      const record = records.get(key);
      return record && record.expiresAt > now.toISOString() ? structuredClone(record) : null;
    },
    ttlExpiry: false,
  };
});
