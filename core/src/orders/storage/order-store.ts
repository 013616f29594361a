import type { Collection } from "../../collections/collection.js";
import { DocumentExists, OrderExists, VersionConflict } from "../../ports/errors.js";
import type { OrderStore, Page } from "../../ports/order-store.js";
import type { Order } from "../order.js";

/**
 * The order store on any store's collection: the order's own `version` is its ETag, and every
 * conditional write holds on the collection version read with it, so a write between the two fails.
 */
export function collectionOrderStore(orders: Collection<Order>): OrderStore {
  const current = async (id: string, expectedVersion: number) => {
    const stored = await orders.get({ id });
    if (stored?.value.version !== expectedVersion) throw new VersionConflict({ id });
    return stored.version;
  };
  const page = ({ items, cursor }: { items: { value: Order }[]; cursor?: string }): Page<Order> => ({
    items: items.map((item) => item.value),
    next: cursor ?? null,
  });
  return {
    async create(order) {
      await orders.create(order).catch((error: unknown) => {
        throw error instanceof DocumentExists ? new OrderExists(order.id) : error;
      });
    },
    async get(id) {
      return (await orders.get({ id }))?.value ?? null;
    },
    async update(order, expectedVersion) {
      await orders.put(order, { ifVersion: await current(order.id, expectedVersion) });
    },
    async delete(id, expectedVersion) {
      await orders.delete({ id }, { ifVersion: await current(id, expectedVersion) });
    },
    async listByCustomer(customerId, { limit, after }) {
      return page(await orders.query({ index: "by-customer", where: { customerId }, descending: true, limit, cursor: after }));
    },
    async listByStatus({ status, createdBefore, limit, after }) {
      const sort = createdBefore === undefined ? undefined : { lt: createdBefore };
      return page(await orders.query({ index: "by-status", where: { status }, sort, limit, cursor: after }));
    },
  };
}
