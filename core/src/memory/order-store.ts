import type { Order } from "../orders/order.js";
import { OrderExists, VersionConflict } from "../ports/errors.js";
import { customerList, decodeKeyset, encodeKeyset, newestFirst, statusList } from "../ports/keyset.js";
import type { OrderStore, Page, PageRequest, StatusQuery } from "../ports/order-store.js";
import type { MemoryOutbox } from "./outbox.js";

/** The reference store: a Map in one process. For demos, smoke tests and core's unit tests. */
export class MemoryOrderStore implements OrderStore {
  private readonly orders = new Map<string, Order>();

  /** With an outbox, every insert and update is recorded in it as it is made (the `orders` collection). */
  constructor(private readonly outbox?: MemoryOutbox) {}

  async create(order: Order): Promise<void> {
    if (this.orders.has(order.id)) throw new OrderExists(order.id);
    this.orders.set(order.id, structuredClone(order));
    this.outbox?.record("orders", { key: order.id, operation: "insert", document: { ...order } });
  }

  async get(id: string): Promise<Order | null> {
    const order = this.orders.get(id);
    return order ? structuredClone(order) : null;
  }

  async update(order: Order, expectedVersion: number): Promise<void> {
    const previous = this.orders.get(order.id);
    if (previous?.version !== expectedVersion) throw new VersionConflict(order.id);
    this.orders.set(order.id, structuredClone(order));
    this.outbox?.record("orders", { key: order.id, operation: "update", document: { ...order }, previous: { ...previous } });
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    if (this.orders.get(id)?.version !== expectedVersion) throw new VersionConflict(id);
    this.orders.delete(id);
  }

  async listByCustomer(customerId: string, page: PageRequest): Promise<Page<Order>> {
    const list = customerList(customerId);
    const after = page.after === undefined ? undefined : decodeKeyset(list, page.after);
    const matching = [...this.orders.values()].filter((o) => o.customerId === customerId && (!after || newestFirst(o, after) > 0)).sort(newestFirst);
    return this.page(list, matching, page.limit);
  }

  async listByStatus(query: StatusQuery): Promise<Page<Order>> {
    const list = statusList(query.status);
    const after = query.after === undefined ? undefined : decodeKeyset(list, query.after);
    const matching = [...this.orders.values()]
      .filter(
        (o) => o.status === query.status && (query.createdBefore === undefined || o.createdAt < query.createdBefore) && (!after || newestFirst(o, after) < 0),
      )
      .sort((a, b) => newestFirst(b, a));
    return this.page(list, matching, query.limit);
  }

  private page(list: string, sorted: Order[], limit: number): Page<Order> {
    const items = sorted.slice(0, limit).map((o) => structuredClone(o));
    const last = items.at(-1);
    return { items, next: sorted.length > limit && last ? encodeKeyset(list, last) : null };
  }
}
