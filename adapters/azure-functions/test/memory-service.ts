import { createOrderService, memoryStores, systemClock, ulidIds, type EventPublisher, type OrderDeps } from "@skyport/core";
import type { LazyFunctions } from "../src/index.js";

/** The order service on memory stores, handed to the adapter the way an entry module does. */
export function memoryService(overrides: Partial<OrderDeps> = {}) {
  const events: EventPublisher = { publish: async () => {} };
  const deps: OrderDeps = {
    ...memoryStores(),
    events,
    clock: systemClock,
    ids: ulidIds(systemClock),
    retentionDays: 30,
    cleanupPageSize: 5,
    ...overrides,
  };
  const service = createOrderService(deps);
  const functions: LazyFunctions = async () => service;
  return { deps, functions };
}
