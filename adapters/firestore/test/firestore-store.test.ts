import { Firestore } from "@google-cloud/firestore";
import { customerList, decodeKeyset, InvalidCursor, type Stores } from "@skyport/core";
import { orderAt, ordersFor, storeContract, uniqueCustomer } from "@skyport/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firestoreSettings, firestoreStores, IDEMPOTENCY_KEYS } from "../src/index.js";
import { idempotencyRecordOf, ttlExpiryOf } from "../src/testing/index.js";
import { emulatorEnv } from "./emulator-env.js";

storeContract("firestore (Google's emulator)", () => {
  const env = emulatorEnv("contract");
  const stores = firestoreStores(env);
  const reader = new Firestore(firestoreSettings(env));
  return {
    orders: stores.orders,
    idempotency: stores.idempotency,
    recordOf: (key, now) => idempotencyRecordOf(reader, key, now),
    ttlExpiry: true,
    ttlOf: (key) => ttlExpiryOf(reader, key),
    close: async () => {
      await stores.close();
      await reader.terminate();
    },
  };
});

describe("firestore store beyond the contract", () => {
  let stores: Stores;
  let raw: Firestore;
  beforeAll(() => {
    const env = emulatorEnv("store");
    stores = firestoreStores(env);
    raw = new Firestore(firestoreSettings(env));
  });
  afterAll(async () => {
    await stores.close();
    await raw.terminate();
  });

  it("refuses a tampered position, or one made for another list, and reads nothing with it", async () => {
    const [alice, bob] = [uniqueCustomer("alice"), uniqueCustomer("bob")];
    const hers = ordersFor(alice, 3);
    for (const o of [...hers, ...ordersFor(bob, 3)]) await stores.orders.create(o);
    const { next } = await stores.orders.listByCustomer(alice, { limit: 1 });
    const [payload, check] = next!.split(".") as [string, string];
    const { createdAt, id } = decodeKeyset(customerList(alice), next!);
    const statusPage = await stores.orders.listByStatus({ status: "pending", limit: 1 });
    const plain = (text: string) => Buffer.from(text).toString("base64url");

    const tampered = [
      `${plain(`${createdAt}|${hers[0]!.id}`)}.${check}`, // another of her orders, same check
      `${plain(`${createdAt.replace(/\.\d{3}Z$/, ".999Z")}|${id}`)}.${check}`,
      `${payload}.${check.slice(0, -1)}${check.endsWith("A") ? "B" : "A"}`,
      `${createdAt}|${id}`,
      `${next}.`,
      statusPage.next!, // a status list's position
    ];
    for (const position of tampered) {
      await expect(stores.orders.listByCustomer(alice, { limit: 2, after: position }), position).rejects.toBeInstanceOf(InvalidCursor);
    }
    await expect(stores.orders.listByCustomer(bob, { limit: 2, after: next! })).rejects.toBeInstanceOf(InvalidCursor);
    // The genuine position still works: the refusals above are about the tampering.
    expect((await stores.orders.listByCustomer(alice, { limit: 5, after: next! })).items.map((o) => o.id)).toEqual([hers[1]!.id, hers[0]!.id]);
  });

  it("stores instants as Timestamps, so that the console, range queries and TTL see them as time", async () => {
    const order = orderAt(new Date(), { customerId: uniqueCustomer() });
    await stores.orders.create(order);
    const stored = await raw.collection("orders").doc(order.id).get();
    expect(stored.get("createdAt").toDate().toISOString()).toBe(order.createdAt);
    expect(stored.get("updatedAt").toDate().toISOString()).toBe(order.updatedAt);
  });

  it("keeps idempotency keys Firestore cannot take as document ids apart", async () => {
    const keys = ["a/b", "__reserved__", "..", "a b", "YS9i"]; // "YS9i" is base64url of "a/b"
    const expiresAt = new Date(Date.now() + 60_000);
    for (const key of keys) expect(await stores.idempotency.begin(key, `fp:${key}`, expiresAt, new Date())).toEqual({ started: true });
    for (const key of keys) expect(await idempotencyRecordOf(raw, key, new Date())).toMatchObject({ key, fingerprint: `fp:${key}` });
    expect(
      (
        await raw
          .collection(IDEMPOTENCY_KEYS)
          .where(
            "fingerprint",
            "in",
            keys.map((k) => `fp:${k}`),
          )
          .get()
      ).size,
    ).toBe(keys.length);
  });

  it("lets exactly one of many concurrent begins take over an expired record", async () => {
    const key = `key_${uniqueCustomer()}`;
    await stores.idempotency.begin(key, "old", new Date(Date.now() + 500), new Date());
    const later = new Date(Date.now() + 1000);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => stores.idempotency.begin(key, `new${i}`, new Date(Date.now() + 60_000), later)));
    expect(results.filter((r) => r.started)).toHaveLength(1);
    const winner = await idempotencyRecordOf(raw, key, later);
    for (const r of results) if (!r.started) expect(r.existing).toEqual(winner);
  });
});
