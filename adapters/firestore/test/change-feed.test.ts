import { Firestore } from "@google-cloud/firestore";
import { idempotencyCollection, STORED_FIELDS, type DocumentChangeFeed, type Documents, type Env } from "@skyport/core";
import { orderStoresOn, type Stores } from "@skyport/core/orders";
import { orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firestoreDocuments, firestoreSettings } from "../src/index.js";
import { emulatorEnv } from "./emulator-env.js";

/** The change feed the local server reads on the Firestore emulator: the documents' own, a scan of their versions (core's ScannedChangeFeed). */
describe("firestore change feed for the local server (Google's emulator)", () => {
  let env: Env;
  let documents: Documents;
  let stores: Stores;
  let raw: Firestore;
  beforeAll(() => {
    env = emulatorEnv("changes");
    documents = firestoreDocuments(env);
    stores = orderStoresOn(documents);
    raw = new Firestore(firestoreSettings(env));
  });
  afterAll(async () => {
    await stores.close();
    await raw.terminate();
  });
  const feed = (): DocumentChangeFeed => documents.changes!;
  const versionOf = async (id: string) => (await raw.collection("orders").doc(id).get()).get(STORED_FIELDS.version) as string;

  it("hands on a committed order as an update of the order itself, keyed by its key fields, then a new version, and nothing once acknowledged", async () => {
    const order = orderAt(new Date("2026-11-27T10:00:00.000Z"), { customerId: uniqueCustomer() });
    await stores.orders.create(order);
    const [created, ...others] = await feed().pending("orders", 100);
    expect(others).toEqual([]);
    const version = await versionOf(order.id);
    expect(created).toMatchObject({ key: { id: order.id }, type: "updated", version, value: order });
    expect(created!.id).toBe(`orders/${order.id}@${version}`);
    expect(created!.committedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    await feed().acknowledge([created!.id]);
    expect(await feed().pending("orders", 100)).toEqual([]);

    const confirmed = { ...order, status: "confirmed" as const, version: 2, updatedAt: new Date().toISOString() };
    await stores.orders.update(confirmed, 1);
    const [updated] = await feed().pending("orders", 100);
    expect(updated).toMatchObject({ key: { id: order.id }, value: confirmed });
    expect(updated!.id).not.toBe(created!.id);
    await feed().acknowledge([updated!.id]);
  });

  it("hands on the delete of an order it handed on and saw acknowledged, once, of the version deleted", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "cancelled" });
    await stores.orders.create(order);
    const handed = await feed().pending("orders", 100);
    await feed().acknowledge(handed.map((change) => change.id));
    const version = await versionOf(order.id);
    await stores.orders.delete(order.id, 1);
    const [deleted, ...others] = await feed().pending("orders", 100);
    expect(others).toEqual([]);
    expect(deleted).toEqual({ id: `orders/${order.id}@${version}/deleted`, type: "deleted", key: { id: order.id }, version });
    await feed().acknowledge([deleted!.id]);
    expect(await feed().pending("orders", 100)).toEqual([]);
  });

  it("hands on nothing of an order deleted before it was read, nor of a document no collection wrote", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer(), status: "cancelled" });
    await stores.orders.create(order);
    await stores.orders.delete(order.id, 1);
    await raw.collection("orders").doc("stray").set({ weight: 2 });
    expect(await feed().pending("orders", 100)).toEqual([]);
  });

  it("reads the collection where SKYPORT_COLLECTION_<NAME> puts it, and leaves out an expired document", async () => {
    const moved = { ...env, SKYPORT_COLLECTION_IDEMPOTENCY_KEYS: "keys-elsewhere" };
    const elsewhere = firestoreDocuments(moved);
    try {
      const records = elsewhere.collection(idempotencyCollection);
      const record = (key: string, retainUntil: Date) => ({
        key,
        fingerprint: "fp",
        state: "in-flight" as const,
        expiresAt: retainUntil.toISOString(),
        retainUntil: retainUntil.toISOString(),
      });
      await records.put(record("kept", new Date(Date.now() + 60_000)));
      await records.put(record("expired", new Date(Date.now() - 1000)));
      // One at a time: the expired one ("expired" < "kept", the scan's order) takes no place of the limit.
      expect((await elsewhere.changes!.pending("idempotency-keys", 1)).map((change) => change.key)).toEqual([{ key: "kept" }]);
      expect(await feed().pending("idempotency-keys", 100)).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it("reads only the collections the documents were given (by collection or ensure)", async () => {
    await expect(feed().pending("parcels", 10)).rejects.toThrow(/no collection parcels in these documents \(orders, idempotency-keys\)/);
  });
});
