import { MemoryIdempotencyStore, MemoryOrderStore } from "../src/index.js";
import { storeContract } from "../src/testing/index.js";

storeContract("memory", () => ({ orders: new MemoryOrderStore(), idempotency: new MemoryIdempotencyStore() }));
