import type { Container, SqlQuerySpec } from "@azure/cosmos";
import { OrderExists, VersionConflict, type Order, type OrderStore, type Page, type PageRequest, type StatusQuery } from "@skyport/core";
import { orderFields, type OrderDocument } from "./order-document.js";
import { POSITION_KEY_ID } from "./position-key.js";
import type { PositionSeal } from "./position-seal.js";
import { QueryPages } from "./query-pages.js";
import { statusOf, storeFailure } from "./sdk-errors.js";

// The equality-filtered property leads the ORDER BY so that the composite index serves the query.
const BY_CUSTOMER = "SELECT * FROM c WHERE c.customerId = @customerId ORDER BY c.customerId ASC, c.createdAt DESC, c.id DESC";
const BY_STATUS = "SELECT * FROM c WHERE c.status = @status ORDER BY c.status ASC, c.createdAt ASC, c.id ASC";
const BY_STATUS_BEFORE =
  "SELECT * FROM c WHERE c.status = @status AND c.createdAt < @createdBefore ORDER BY c.status ASC, c.createdAt ASC, c.id ASC";

/** Orders in the `orders` container, partitioned by /id; see the README for the design. */
export class CosmosOrderStore implements OrderStore {
  private readonly pages: QueryPages;

  constructor(
    private readonly container: Container,
    seal: PositionSeal,
  ) {
    this.pages = new QueryPages(container, seal);
  }

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
      await this.container
        .item(order.id, order.id)
        .replace(orderFields(order), { accessCondition: { type: "IfMatch", condition: current._etag } });
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
    return this.list({ query: BY_CUSTOMER, parameters: [{ name: "@customerId", value: customerId }] }, page);
  }

  async listByStatus({ status, createdBefore, ...page }: StatusQuery): Promise<Page<Order>> {
    const query: SqlQuerySpec =
      createdBefore === undefined
        ? { query: BY_STATUS, parameters: [{ name: "@status", value: status }] }
        : {
            query: BY_STATUS_BEFORE,
            parameters: [
              { name: "@status", value: status },
              { name: "@createdBefore", value: createdBefore },
            ],
          };
    return this.list(query, page);
  }

  private async list(query: SqlQuerySpec, page: PageRequest): Promise<Page<Order>> {
    const { items, next } = await this.pages.page<Order>(query, page);
    return { items: items.map(orderFields), next };
  }

  /** A point read: the partition key is the id. */
  private async read(id: string): Promise<OrderDocument | undefined> {
    if (id === POSITION_KEY_ID) return undefined; // shares the container, is not an order
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
