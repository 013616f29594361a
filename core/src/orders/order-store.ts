import type { Order, OrderStatus } from "./order.js";

/** One page of an order list, and the position after it. */
export interface Page<T> {
  items: T[];
  /** The position after the last item, made with core's keyset codec (`encodeKeyset`); null when nothing follows. */
  next: string | null;
}

/** How many items a page holds, and where it starts. */
export interface PageRequest {
  limit: number;
  /** A `next` position this store returned earlier for the same list. */
  after?: string;
}

/** The cleanup's list: orders of one status, optionally created before an instant. */
export interface StatusQuery extends PageRequest {
  status: OrderStatus;
  /** Only orders created strictly before this instant (ISO 8601). */
  createdBefore?: string;
}

/**
 * Orders, keyed by id. Errors: `OrderExists` from create, `VersionConflict` from a conditional
 * write, `InvalidCursor` for a position the store did not make, `StoreUnavailable` when the
 * backend cannot be reached.
 */
export interface OrderStore {
  create(order: Order): Promise<void>;
  /**
   * The order, from the store; with `cached`, through the order cache where there is one (a GET's
   * read: a write reads the store, so that it holds on the version there).
   */
  get(id: string, options?: { cached?: boolean }): Promise<Order | null>;
  /** Replaces the order if its stored version is still `expectedVersion`. */
  update(order: Order, expectedVersion: number): Promise<void>;
  /** Deletes the order if its stored version is still `expectedVersion`. */
  delete(id: string, expectedVersion: number): Promise<void>;
  /** A customer's orders, newest first (createdAt, then id, descending). */
  listByCustomer(customerId: string, page: PageRequest): Promise<Page<Order>>;
  /** Orders in one status, in a stable order the store chooses; for the cleanup. */
  listByStatus(query: StatusQuery): Promise<Page<Order>>;
}
