import type { Collection } from "../../collections/collection.js";
import { DocumentExists, VersionConflict } from "../../ports/errors.js";
import { OrderExists } from "./order-exists.js";
import type { OrderStore, Page } from "../order-store.js";
import type { Order } from "../order.js";
import type { OrderCache } from "./order-cache.js";

/** How many orders' collection versions a store remembers from its own reads and writes. */
export const REMEMBERED_VERSIONS = 1000;

/**
 * The order store on any store's collection: the order's own `version` is its ETag, and every
 * conditional write holds on the collection version read with it, so a write between the two fails.
 * The collection version of an order this store read or wrote last is remembered, so that the
 * usual read-then-write (a PATCH, a confirmation, a shipment) costs one store call for the write,
 * not a second read; a write refused on a remembered version is tried once more on a fresh read,
 * so only a real conflict is reported (an order deleted and made again under its id, say).
 * With a cache, a read that asks for it (`{ cached: true }`) goes through it, and every write here
 * puts what it wrote in the cache before it answers (see `OrderCache`); a write whose answer was lost drops the entry.
 */
export function collectionOrderStore(orders: Collection<Order>, cache?: OrderCache): OrderStore {
  const remembered = new Map<string, { order: number; collection: string; createdAt: string }>();
  const remember = (id: string, entry?: { order: number; collection: string; createdAt: string }) => {
    remembered.delete(id);
    if (!entry) return;
    remembered.set(id, entry);
    if (remembered.size > REMEMBERED_VERSIONS) remembered.delete(remembered.keys().next().value!);
  };
  const read = async (id: string) => {
    const stored = await orders.get({ id });
    remember(id, stored && { order: stored.value.version, collection: stored.version, createdAt: stored.value.createdAt });
    return stored;
  };
  const current = async (id: string, expectedVersion: number) => {
    const stored = await read(id);
    if (stored?.value.version !== expectedVersion) throw new VersionConflict({ id });
    return stored.version;
  };
  /** Writes on the remembered collection version of `expectedVersion` where there is one, else on a fresh read's. */
  const conditional = async (id: string, expectedVersion: number, write: (ifVersion: string) => Promise<string | undefined>) => {
    const known = remembered.get(id);
    if (known?.order === expectedVersion) {
      try {
        return await write(known.collection);
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
        remember(id);
      }
    }
    return write(await current(id, expectedVersion));
  };
  const page = ({ items, cursor }: { items: { value: Order; version: string }[]; cursor?: string }): Page<Order> => {
    for (const { value, version } of items) remember(value.id, { order: value.version, collection: version, createdAt: value.createdAt });
    return { items: items.map((item) => item.value), next: cursor ?? null };
  };
  /** A write whose answer was lost may have landed: the cached order may be the old one. */
  const unsure = async (id: string, error: unknown): Promise<never> => {
    if (cache && !(error instanceof VersionConflict || error instanceof OrderExists)) await cache.unsure(id);
    throw error;
  };
  const load = async (id: string) => (await read(id))?.value ?? null;
  return {
    async create(order) {
      const { version } = await orders
        .create(order)
        .catch((error: unknown) => {
          throw error instanceof DocumentExists ? new OrderExists(order.id) : error;
        })
        .catch((error: unknown) => unsure(order.id, error));
      remember(order.id, { order: order.version, collection: version, createdAt: order.createdAt });
      await cache?.written(order);
    },
    async get(id, options) {
      return cache && options?.cached ? cache.read(id, () => load(id)) : load(id);
    },
    async update(order, expectedVersion) {
      await conditional(order.id, expectedVersion, async (ifVersion) => {
        const { version } = await orders.put(order, { ifVersion });
        remember(order.id, { order: order.version, collection: version, createdAt: order.createdAt });
        return version;
      }).catch((error: unknown) => unsure(order.id, error));
      await cache?.written(order);
    },
    async delete(id, expectedVersion) {
      let createdAt: string | undefined;
      await conditional(id, expectedVersion, async (ifVersion) => {
        createdAt = remembered.get(id)?.createdAt;
        await orders.delete({ id }, { ifVersion });
        remember(id);
        return undefined;
      }).catch((error: unknown) => unsure(id, error));
      if (!cache) return;
      await (createdAt === undefined ? cache.unsure(id) : cache.deleted(id, createdAt, expectedVersion));
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
