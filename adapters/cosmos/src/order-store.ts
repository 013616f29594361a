import type { Container, SqlQuerySpec } from "@azure/cosmos";
import {
  customerList,
  decodeKeyset,
  encodeKeyset,
  OrderExists,
  statusList,
  VersionConflict,
  type KeysetPosition,
  type Order,
  type OrderStore,
  type Page,
  type PageRequest,
  type StatusQuery,
} from "@skyport/core";
import { orderFields, type OrderDocument } from "./order-document.js";
import { byCustomer, byStatus } from "./order-queries.js";
import { statusOf, storeFailure } from "./sdk-errors.js";

/** Orders in the `orders` container, partitioned by /id; see the README for the design. */
export class CosmosOrderStore implements OrderStore {
  constructor(private readonly container: Container) {}

  async create(order: Order): Promise<void> {
    try {
      await this.container.items.create(orderFields(order));
    } catch (error) {
      if (statusOf(error) === 409) throw new OrderExists(order.id);
      throw storeFailure(error);
    }
  }

  async get(id: string): Promise<Order | null> {
    const document = await this.read(id);
    return document ? orderFields(document) : null;
  }

  async update(order: Order, expectedVersion: number): Promise<void> {
    const current = await this.read(order.id);
    if (!current || current.version !== expectedVersion) throw new VersionConflict(order.id);
    try {
      await this.container.item(order.id, order.id).replace(orderFields(order), { accessCondition: { type: "IfMatch", condition: current._etag } });
    } catch (error) {
      throw conflictOr(error, order.id);
    }
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    const current = await this.read(id);
    if (!current || current.version !== expectedVersion) throw new VersionConflict(id);
    try {
      await this.container.item(id, id).delete({ accessCondition: { type: "IfMatch", condition: current._etag } });
    } catch (error) {
      throw conflictOr(error, id);
    }
  }

  async listByCustomer(customerId: string, page: PageRequest): Promise<Page<Order>> {
    return this.page(customerList(customerId), page, (top, after) => byCustomer(customerId, top, after));
  }

  async listByStatus({ status, createdBefore, ...page }: StatusQuery): Promise<Page<Order>> {
    return this.page(statusList(status), page, (top, after) => byStatus(status, createdBefore, top, after));
  }

  /** Keyset paging: one order more than the page tells whether another page exists, so a full last page ends with null. */
  private async page(list: string, { limit, after }: PageRequest, query: (top: number, after?: KeysetPosition) => SqlQuerySpec): Promise<Page<Order>> {
    const from = after === undefined ? undefined : decodeKeyset(list, after);
    let found: OrderDocument[];
    try {
      found = (await this.container.items.query<OrderDocument>(query(limit + 1, from)).fetchAll()).resources;
    } catch (error) {
      throw storeFailure(error);
    }
    const items = found.slice(0, limit).map(orderFields);
    const last = items.at(-1);
    return { items, next: found.length > limit && last ? encodeKeyset(list, last) : null };
  }

  /** A point read: the partition key is the id. */
  private async read(id: string): Promise<OrderDocument | undefined> {
    try {
      return (await this.container.item(id, id).read<Order>()).resource;
    } catch (error) {
      throw storeFailure(error);
    }
  }
}

/** 412: the etag moved on; 404: the order is gone. Either way the caller's version is stale. */
function conflictOr(error: unknown, id: string): unknown {
  const status = statusOf(error);
  return status === 412 || status === 404 ? new VersionConflict(id) : storeFailure(error);
}
