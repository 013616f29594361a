import type { CollectionReference, DocumentSnapshot, Firestore, Query } from "@google-cloud/firestore";
import {
  customerList,
  decodeKeyset,
  encodeKeyset,
  OrderExists,
  statusList,
  VersionConflict,
  type Order,
  type OrderStore,
  type Page,
  type PageRequest,
  type StatusQuery,
} from "@skyport/core";
import { ORDERS } from "./collections.js";
import { withinDeadline } from "./deadline.js";
import { GrpcStatus, statusOf } from "./firestore-errors.js";
import { orderDocument, orderFrom, timestampOf } from "./order-document.js";
import { byCustomer, byStatus } from "./order-queries.js";
import { DEFAULT_DEADLINE_MS, type FirestoreStoreOptions } from "./store-options.js";

/** Orders in the `orders` collection, one document per order, keyed by the order id. */
export class FirestoreOrderStore implements OrderStore {
  private readonly orders: CollectionReference;
  private readonly deadlineMs: number;

  constructor(firestore: Firestore, options: FirestoreStoreOptions = {}) {
    this.orders = firestore.collection(ORDERS);
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  }

  create(order: Order): Promise<void> {
    return this.call("create", async () => {
      try {
        await this.orders.doc(order.id).create(orderDocument(order));
      } catch (error) {
        if (statusOf(error) === GrpcStatus.ALREADY_EXISTS) throw new OrderExists(order.id);
        throw error;
      }
    });
  }

  get(id: string): Promise<Order | null> {
    return this.call("get", async () => {
      const snapshot = await this.orders.doc(id).get();
      return snapshot.exists ? orderFrom(snapshot) : null;
    });
  }

  update(order: Order, expectedVersion: number): Promise<void> {
    return this.call("update", async () => {
      const current = await this.current(order.id, expectedVersion);
      // The precondition makes read-check-write atomic: any write since our read fails it.
      await conditionally(order.id, () => this.orders.doc(order.id).update({ ...orderDocument(order) }, { lastUpdateTime: current.updateTime! }));
    });
  }

  delete(id: string, expectedVersion: number): Promise<void> {
    return this.call("delete", async () => {
      const current = await this.current(id, expectedVersion);
      await conditionally(id, () => this.orders.doc(id).delete({ lastUpdateTime: current.updateTime! }));
    });
  }

  listByCustomer(customerId: string, page: PageRequest): Promise<Page<Order>> {
    return this.call("listByCustomer", () => this.page(byCustomer(this.orders, customerId), customerList(customerId), page));
  }

  listByStatus({ status, createdBefore, ...page }: StatusQuery): Promise<Page<Order>> {
    return this.call("listByStatus", () => this.page(byStatus(this.orders, status, createdBefore), statusList(status), page));
  }

  /** Keyset paging: one extra document tells whether another page exists, so a full last page ends with null. */
  private async page(query: Query, list: string, { limit, after }: PageRequest): Promise<Page<Order>> {
    if (after !== undefined) {
      const from = decodeKeyset(list, after);
      query = query.startAfter(timestampOf(from.createdAt), from.id);
    }
    const { docs } = await query.limit(limit + 1).get();
    const items = docs.slice(0, limit).map(orderFrom);
    const last = items.at(-1);
    return { items, next: docs.length > limit && last ? encodeKeyset(list, last) : null };
  }

  private async current(id: string, expectedVersion: number): Promise<DocumentSnapshot> {
    const snapshot = await this.orders.doc(id).get();
    if (!snapshot.exists || snapshot.get("version") !== expectedVersion) throw new VersionConflict(id);
    return snapshot;
  }

  private call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return withinDeadline(`orders.${operation}`, this.deadlineMs, run);
  }
}

/** FAILED_PRECONDITION: written since we read it; NOT_FOUND: deleted since. Either way the version is stale. */
async function conditionally(id: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const status = statusOf(error);
    if (status === GrpcStatus.FAILED_PRECONDITION || status === GrpcStatus.NOT_FOUND) throw new VersionConflict(id);
    throw error;
  }
}
