import { memoryDocuments } from "../../collections/memory-documents.js";
import type { Order } from "../order.js";
import { ordersCollection } from "./collections.js";
import { collectionOrderStore } from "./order-store.js";
import type { OrderStore, Page, PageRequest, StatusQuery } from "../order-store.js";
import type { MemoryOutbox } from "../../memory/outbox.js";

/** The order store on memory documents: for demos, smoke tests and core's unit tests. */
export class MemoryOrderStore implements OrderStore {
  private readonly store: OrderStore;

  /** With an outbox, on its documents: every write is recorded in it as it is made (the `orders` collection). */
  constructor(outbox?: MemoryOutbox) {
    this.store = collectionOrderStore((outbox?.documents ?? memoryDocuments()).collection(ordersCollection));
  }

  create(order: Order): Promise<void> {
    return this.store.create(order);
  }

  get(id: string, options?: { cached?: boolean }): Promise<Order | null> {
    return this.store.get(id, options);
  }

  update(order: Order, expectedVersion: number): Promise<void> {
    return this.store.update(order, expectedVersion);
  }

  delete(id: string, expectedVersion: number): Promise<void> {
    return this.store.delete(id, expectedVersion);
  }

  listByCustomer(customerId: string, page: PageRequest): Promise<Page<Order>> {
    return this.store.listByCustomer(customerId, page);
  }

  listByStatus(query: StatusQuery): Promise<Page<Order>> {
    return this.store.listByStatus(query);
  }
}
