import { MemoryIdempotencyStore, MemoryOrderStore, type Order, type OrderStore, type PageRequest, type StatusQuery, type Stores } from "@skyport/core";

const everyStore: RoundOrders[] = [];

/**
 * Core's memory store, emptied between rounds: otherwise every order of the run stays on the
 * heap, and the garbage collector's growing work lands on whichever handler happens to run.
 * Skyport and the hand-written handlers each get one of these.
 */
class RoundOrders implements OrderStore {
  private store = new MemoryOrderStore();

  constructor() {
    everyStore.push(this);
  }

  create(order: Order) {
    return this.store.create(order);
  }
  get(id: string) {
    return this.store.get(id);
  }
  update(order: Order, expectedVersion: number) {
    return this.store.update(order, expectedVersion);
  }
  delete(id: string, expectedVersion: number) {
    return this.store.delete(id, expectedVersion);
  }
  listByCustomer(customerId: string, page: PageRequest) {
    return this.store.listByCustomer(customerId, page);
  }
  listByStatus(query: StatusQuery) {
    return this.store.listByStatus(query);
  }
  empty() {
    this.store = new MemoryOrderStore();
  }
}

export function roundStores(): Stores {
  return { orders: new RoundOrders(), idempotency: new MemoryIdempotencyStore(), close: async () => {} };
}

export function emptyEveryStore(): void {
  for (const store of everyStore) store.empty();
}
