import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../order.js";
import { IdempotencyRecordMissing, InvalidCursor, VersionConflict } from "../../ports/errors.js";
import { OrderExists } from "../storage/order-exists.js";
import type { IdempotencyRecord, IdempotencyStore } from "../../ports/idempotency-store.js";
import { encodeCursor, planQuery } from "../../collections/query-plan.js";
import { ordersCollection } from "../storage/collections.js";
import type { OrderStore, Page, PageRequest } from "../order-store.js";
import { orderAt, ordersFor, uniqueCustomer } from "./orders.js";
import { storeKeysCases } from "./store-keys-contract.js";

/** What the store contract runs on: a store package's order and idempotency stores, and how to read their records back. */
export interface StoreUnderTest {
  orders: OrderStore;
  idempotency: IdempotencyStore;
  /** The live idempotency record for a key, read from the database itself: production never reads one back. */
  recordOf(key: string, now: Date): Promise<IdempotencyRecord | null>;
  /** Whether the database deletes expired idempotency records itself (a TTL); the suite checks it both ways. */
  ttlExpiry: boolean;
  /** The store-native expiry attribute written for a key, in epoch seconds: given exactly when `ttlExpiry`. */
  ttlOf?(key: string): Promise<number | undefined>;
  /** How many seconds past the expiry a TTL counted from the server's clock may be set (Cosmos DB's); 0 unless given. */
  ttlSlackSeconds?: number;
  close?(): Promise<void>;
}

async function collect(list: (page: PageRequest) => Promise<Page<Order>>, limit: number, between?: (page: number) => Promise<void>) {
  const seen: Order[] = [];
  const pages: number[] = [];
  let after: string | undefined;
  do {
    const page = await list({ limit, after });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page.items.length);
    seen.push(...page.items);
    after = page.next ?? undefined;
    if (after !== undefined && between) await between(pages.length);
  } while (after !== undefined && pages.length < 1000);
  return { seen, pages };
}

const ids = (orders: readonly Order[]) => orders.map((o) => o.id);

/** Every OrderStore and IdempotencyStore passes exactly these cases. */
export function storeContract(name: string, factory: () => Promise<StoreUnderTest> | StoreUnderTest) {
  describe(`store contract: ${name}`, () => {
    let store: StoreUnderTest;
    beforeAll(async () => {
      store = await factory();
    });
    afterAll(async () => {
      await store?.close?.();
    });

    storeKeysCases(() => store);

    describe("orders", () => {
      it("reads back exactly what was created", async () => {
        const order = orderAt(new Date(), { customerId: uniqueCustomer() });
        await store.orders.create(order);
        expect(await store.orders.get(order.id)).toEqual(order);
      });

      it("keeps a shipped order's shipment, and reads an order without one as having none", async () => {
        const shipment = { shipmentId: "shp-1", carrier: "DHL Express", trackingNumber: "JD014600003828", dispatchedAt: "2026-11-27T09:30:00+01:00" };
        const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "confirmed", version: 2 });
        await store.orders.create(order);
        expect(await store.orders.get(order.id)).not.toHaveProperty("shipment");
        const shipped = { ...order, status: "shipped" as const, version: 3, shipment };
        await store.orders.update(shipped, 2);
        expect(await store.orders.get(order.id)).toEqual(shipped);
        expect((await store.orders.listByCustomer(order.customerId, { limit: 10 })).items).toEqual([shipped]);
      });

      it("answers null for an order that does not exist", async () => {
        expect(await store.orders.get(orderAt(new Date()).id)).toBeNull();
      });

      it("refuses a second create with the same id and keeps the first", async () => {
        const first = orderAt(new Date(), { customerId: uniqueCustomer() });
        await store.orders.create(first);
        await expect(store.orders.create({ ...first, currency: "USD" })).rejects.toBeInstanceOf(OrderExists);
        expect(await store.orders.get(first.id)).toEqual(first);
      });

      it("updates when the version matches and refuses a stale version without overwriting", async () => {
        const order = orderAt(new Date(), { customerId: uniqueCustomer() });
        await store.orders.create(order);
        const confirmed: Order = { ...order, status: "confirmed", version: 2, updatedAt: new Date().toISOString() };
        await store.orders.update(confirmed, 1);
        await expect(store.orders.update({ ...order, status: "cancelled", version: 2 }, 1)).rejects.toBeInstanceOf(VersionConflict);
        expect(await store.orders.get(order.id)).toEqual(confirmed);
      });

      it("refuses to update an order that does not exist, and does not create it", async () => {
        const ghost = orderAt(new Date(), { version: 2 });
        await expect(store.orders.update(ghost, 1)).rejects.toBeInstanceOf(VersionConflict);
        expect(await store.orders.get(ghost.id)).toBeNull();
      });

      it("lets exactly one of many concurrent updates from the same version win", async () => {
        const order = orderAt(new Date(), { customerId: uniqueCustomer() });
        await store.orders.create(order);
        const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.orders.update({ ...order, total: i, version: 2 }, 1)));
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(VersionConflict);
        expect((await store.orders.get(order.id))?.version).toBe(2);
      });

      it("deletes only at the expected version", async () => {
        const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "cancelled", version: 3 });
        await store.orders.create(order);
        await expect(store.orders.delete(order.id, 2)).rejects.toBeInstanceOf(VersionConflict);
        expect(await store.orders.get(order.id)).toEqual(order);
        await store.orders.delete(order.id, 3);
        expect(await store.orders.get(order.id)).toBeNull();
        await expect(store.orders.delete(order.id, 3)).rejects.toBeInstanceOf(VersionConflict);
      });
    });

    describe("listing a customer's orders", () => {
      it("pages newest first, nothing lost or repeated, and ends with next = null", async () => {
        const customer = uniqueCustomer();
        const orders = ordersFor(customer, 7);
        // Two orders in the same millisecond: the id breaks the tie.
        const twin = orderAt(new Date(orders[6]!.createdAt), { customerId: customer });
        for (const o of [...orders, twin]) await store.orders.create(o);
        await store.orders.create(orderAt(new Date(), { customerId: uniqueCustomer() }));

        const { seen, pages } = await collect((p) => store.orders.listByCustomer(customer, p), 3);
        const expected = [...orders, twin].sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)));
        expect(ids(seen)).toEqual(ids(expected));
        expect(pages).toEqual([3, 3, 2]);
        // One per page: the two orders of the same millisecond fall on either side of a boundary.
        expect(ids((await collect((p) => store.orders.listByCustomer(customer, p), 1)).seen)).toEqual(ids(expected));
      });

      it("gives next = null on a last page that is exactly full", async () => {
        const customer = uniqueCustomer();
        for (const o of ordersFor(customer, 4)) await store.orders.create(o);
        const { pages } = await collect((p) => store.orders.listByCustomer(customer, p), 2);
        expect(pages).toEqual([2, 2]);
        const one = await store.orders.listByCustomer(customer, { limit: 4 });
        expect(one.items).toHaveLength(4);
        expect(one.next).toBeNull();
      });

      it("answers an empty page for a customer without orders", async () => {
        expect(await store.orders.listByCustomer(uniqueCustomer(), { limit: 5 })).toEqual({ items: [], next: null });
      });

      it("loses and repeats nothing while orders are created and changed between pages", async () => {
        const customer = uniqueCustomer();
        const orders = ordersFor(customer, 9, {}, new Date(Date.now() - 60_000));
        for (const o of orders) await store.orders.create(o);
        const { seen } = await collect(
          (p) => store.orders.listByCustomer(customer, p),
          4,
          async (page) => {
            await store.orders.create(orderAt(new Date(), { customerId: customer }));
            const later = orders[page === 1 ? 1 : 0]!; // an order still to come on a later page
            await store.orders.update({ ...later, status: "confirmed", version: later.version + 1 }, later.version);
            later.version += 1;
          },
        );
        const original = new Set(ids(orders));
        const seenOriginal = ids(seen).filter((id) => original.has(id));
        expect(seenOriginal).toEqual(ids(orders).reverse());
        expect(new Set(ids(seen)).size).toBe(seen.length);
      });

      it("refuses a position it did not make, or one changed by a character", async () => {
        const customer = uniqueCustomer();
        const mine = ordersFor(customer, 3);
        for (const o of mine) await store.orders.create(o);
        const next = (await store.orders.listByCustomer(customer, { limit: 1 })).next!;
        const changed = `${next.slice(0, 3)}${next[3] === "A" ? "B" : "A"}${next.slice(4)}`;
        const plain = `${mine[0]!.createdAt}|${mine[0]!.id}`; // a real keyset, unchecked
        for (const forged of ["garbage", "x|y|z", "2026-01-01T00:00:00.000Z|../../etc", "{}", "%00", plain, changed]) {
          await expect(store.orders.listByCustomer(customer, { limit: 2, after: forged }), forged).rejects.toBeInstanceOf(InvalidCursor);
        }
      });

      it("refuses a position made for another customer's list, or for a status list", async () => {
        const [alice, bob] = [uniqueCustomer("alice"), uniqueCustomer("bob")];
        for (const o of ordersFor(alice, 3)) await store.orders.create(o);
        for (const o of ordersFor(bob, 3)) await store.orders.create(o);
        const hers = (await store.orders.listByCustomer(alice, { limit: 1 })).next!;
        await expect(store.orders.listByCustomer(bob, { limit: 10, after: hers })).rejects.toBeInstanceOf(InvalidCursor);
        const pending = (await store.orders.listByStatus({ status: "pending", limit: 1 })).next!;
        await expect(store.orders.listByCustomer(alice, { limit: 10, after: pending })).rejects.toBeInstanceOf(InvalidCursor);
      });

      it("reads only the requested customer's orders, even from a position forged for that list", async () => {
        const [alice, bob] = [uniqueCustomer("alice"), uniqueCustomer("bob")];
        const hers = ordersFor(alice, 3);
        for (const o of [...hers, ...ordersFor(bob, 3, {}, new Date(Date.now() - 60_000))]) await store.orders.create(o);
        // The check is no secret: isolation rests on the store taking the customer from the request.
        const last = hers.at(-1)!;
        const scope = planQuery(ordersCollection, { index: "by-customer", where: { customerId: bob }, descending: true }).scope;
        const forged = encodeCursor(scope, { sort: last.createdAt, key: { id: last.id } });
        const { items } = await store.orders.listByCustomer(bob, { limit: 10, after: forged });
        expect(items.length).toBeGreaterThan(0);
        expect(items.every((o) => o.customerId === bob)).toBe(true);
      });
    });

    describe("cleanup candidates", () => {
      it("pages through every order in a status, created before the cutoff, each once", async () => {
        const customer = uniqueCustomer();
        const cutoff = new Date(Date.now() - 10 * 86_400_000);
        const old = ordersFor(customer, 7, { status: "pending" }, new Date(cutoff.getTime() - 1000));
        const recent = ordersFor(customer, 2, { status: "pending" });
        const confirmed = ordersFor(customer, 2, { status: "confirmed" }, cutoff);
        for (const o of [...old, ...recent, ...confirmed]) await store.orders.create(o);

        const { seen } = await collect((p) => store.orders.listByStatus({ status: "pending", createdBefore: cutoff.toISOString(), ...p }), 3);
        const mine = seen.filter((o) => o.customerId === customer);
        expect(new Set(ids(mine))).toEqual(new Set(ids(old)));
        expect(mine).toHaveLength(old.length);
        expect(seen.every((o) => o.status === "pending" && o.createdAt < cutoff.toISOString())).toBe(true);
      });

      it("keeps paging correctly while the listed orders are deleted", async () => {
        const customer = uniqueCustomer();
        const cancelled = ordersFor(customer, 8, { status: "cancelled" });
        for (const o of cancelled) await store.orders.create(o);
        const deleted: string[] = [];
        let after: string | undefined;
        do {
          const page = await store.orders.listByStatus({ status: "cancelled", limit: 3, after });
          for (const o of page.items) {
            await store.orders.delete(o.id, o.version);
            deleted.push(o.id);
          }
          after = page.next ?? undefined;
        } while (after !== undefined);
        expect(new Set(deleted).size).toBe(deleted.length);
        expect(deleted).toEqual(expect.arrayContaining(ids(cancelled)));
        for (const o of cancelled) expect(await store.orders.get(o.id)).toBeNull();
      });
    });

    describe("idempotency records", () => {
      const now = () => new Date();
      const inAnHour = () => new Date(Date.now() + 3_600_000);
      const key = () => `key_${uniqueCustomer()}`;

      it("puts a record only if absent", async () => {
        const k = key();
        expect(await store.idempotency.begin(k, "fp1", inAnHour(), now())).toEqual({ started: true });
        const second = await store.idempotency.begin(k, "fp2", inAnHour(), now());
        expect(second).toMatchObject({ started: false, existing: { key: k, fingerprint: "fp1", state: "in-flight" } });
      });

      it("lets exactly one of many concurrent begins start", async () => {
        const k = key();
        const results = await Promise.all(Array.from({ length: 10 }, () => store.idempotency.begin(k, "fp", inAnHour(), now())));
        expect(results.filter((r) => r.started)).toHaveLength(1);
      });

      it("completes a record with the response to replay", async () => {
        const k = key();
        await store.idempotency.begin(k, "fp", inAnHour(), now());
        const response = { status: 201, headers: { location: "/orders/x", etag: '"1"' }, body: '{"id":"x"}' };
        await store.idempotency.complete(k, response, new Date(Date.now() + 86_400_000));
        const again = await store.idempotency.begin(k, "fp", inAnHour(), now());
        expect(again).toEqual({
          started: false,
          existing: { key: k, fingerprint: "fp", state: "completed", response, expiresAt: expect.any(String) },
        });
        expect(await store.recordOf(k, now())).toMatchObject({ state: "completed", response });
      });

      it("forgets a released record so that the key can be used again", async () => {
        const k = key();
        await store.idempotency.begin(k, "fp", inAnHour(), now());
        await store.idempotency.release(k);
        expect(await store.recordOf(k, now())).toBeNull();
        expect(await store.idempotency.begin(k, "fp2", inAnHour(), now())).toEqual({ started: true });
      });

      it("refuses to complete a record that is not there, and creates none", async () => {
        const k = key();
        const response = { status: 201, headers: {} };
        await expect(store.idempotency.complete(k, response, inAnHour())).rejects.toBeInstanceOf(IdempotencyRecordMissing);
        await store.idempotency.begin(k, "fp", inAnHour(), now());
        await store.idempotency.release(k);
        await expect(store.idempotency.complete(k, response, inAnHour())).rejects.toBeInstanceOf(IdempotencyRecordMissing);
        expect(await store.idempotency.begin(k, "fp2", inAnHour(), now())).toEqual({ started: true });
      });

      it("treats an expired record as absent", async () => {
        const k = key();
        const expiresAt = new Date(Date.now() + 1000);
        await store.idempotency.begin(k, "fp", expiresAt, now());
        const later = new Date(expiresAt.getTime() + 1);
        expect(await store.recordOf(k, later)).toBeNull();
        expect(await store.idempotency.begin(k, "fp2", inAnHour(), later)).toEqual({ started: true });
        expect(await store.recordOf(k, later)).toMatchObject({ fingerprint: "fp2" });
      });

      it("writes the expiry the database acts on exactly when it declares TTL expiry", async () => {
        const k = key();
        const expiresAt = new Date(Date.now() + 86_400_000);
        await store.idempotency.begin(k, "fp", inAnHour(), now());
        await store.idempotency.complete(k, { status: 201, headers: {} }, expiresAt);
        if (store.ttlExpiry) {
          expect(store.ttlOf, "a store that declares ttlExpiry exposes its TTL attribute").toBeTypeOf("function");
          // Never before the expiry; at most the declared slack after it.
          const ttl = await store.ttlOf!(k);
          expect(ttl).toBeGreaterThanOrEqual(Math.ceil(expiresAt.getTime() / 1000));
          expect(ttl).toBeLessThanOrEqual(Math.ceil(expiresAt.getTime() / 1000) + (store.ttlSlackSeconds ?? 0));
        } else {
          expect(store.ttlOf, "a store without ttlExpiry has no TTL attribute to show").toBeUndefined();
          expect(await store.recordOf(k, new Date(expiresAt.getTime() + 1))).toBeNull();
        }
      });
    });
  });
}
