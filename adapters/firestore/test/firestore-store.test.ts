import { Firestore } from "@google-cloud/firestore";
import { heldRecord, idempotencyCollection, STORED_FIELDS, type Documents, type Env } from "@skyport/core";
import { ordersCollection, type Stores, orderStoresOn } from "@skyport/core/orders";
import { orderAt, storeContract, uniqueCustomer } from "@skyport/core/orders/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firestoreDocuments, firestoreSettings } from "../src/index.js";
import { storedFieldsOf, ttlExpiryOf } from "../src/testing/index.js";
import { emulatorEnv } from "./emulator-env.js";

storeContract("firestore (Google's emulator)", async () => {
  const env = emulatorEnv("contract");
  // The records read back through a client of their own, as another instance would.
  const reader = firestoreDocuments(env);
  await reader.ensure([ordersCollection, idempotencyCollection]);
  const stores = orderStoresOn(firestoreDocuments(env));
  const raw = new Firestore(firestoreSettings(env));
  return {
    ...stores,
    recordOf: (key, now) => heldRecord(reader.collection(idempotencyCollection), key, now),
    ttlExpiry: true,
    // The Timestamp the TTL policy deletes by, as stored: the database keeps the key at least that long.
    ttlOf: (key) => ttlExpiryOf(raw, env, idempotencyCollection, { key }),
    close: async () => {
      await Promise.all([stores.close(), reader.close(), raw.terminate()]);
    },
  };
});

describe("firestore store beyond the contract", () => {
  let env: Env;
  let stores: Stores;
  let reader: Documents;
  let raw: Firestore;
  beforeAll(async () => {
    env = emulatorEnv("store");
    reader = firestoreDocuments(env);
    await reader.ensure([ordersCollection, idempotencyCollection]);
    stores = orderStoresOn(firestoreDocuments(env));
    raw = new Firestore(firestoreSettings(env));
  });
  afterAll(async () => {
    await Promise.all([stores.close(), reader.close(), raw.terminate()]);
  });
  const recordOf = (key: string, now: Date) => heldRecord(reader.collection(idempotencyCollection), key, now);

  it("keeps an order as the document orders/<its id>, in the collections' layout the trigger's events carry", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer() });
    await stores.orders.create(order);
    const stored = (await raw.collection("orders").doc(order.id).get()).data()!;
    expect(JSON.parse(stored[STORED_FIELDS.document] as string)).toEqual(order);
    expect(stored).toMatchObject({ [STORED_FIELDS.version]: expect.any(String), k_id: order.id, k_customerId: order.customerId, k_status: "pending" });
    expect(await storedFieldsOf(raw, env, ordersCollection, { id: order.id })).toEqual(stored);
  });

  it("keeps idempotency keys Firestore cannot take as document ids apart", async () => {
    const keys = ["a/b", "__reserved__", "..", "a b", "a%2Fb"];
    const expiresAt = new Date(Date.now() + 60_000);
    for (const key of keys) expect(await stores.idempotency.begin(key, `fp:${key}`, expiresAt, new Date())).toMatchObject({ started: true });
    for (const key of keys) expect(await recordOf(key, new Date())).toMatchObject({ key, fingerprint: `fp:${key}` });
    expect((await raw.collection("idempotency-keys").get()).docs.filter((doc) => keys.includes(JSON.parse(doc.get(STORED_FIELDS.document)).key))).toHaveLength(
      keys.length,
    );
  });
});
