import { Firestore } from "@google-cloud/firestore";
import type { Stores } from "@skyport/core";
import { orderAt, uniqueCustomer } from "@skyport/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firestoreSettings, firestoreStores } from "../src/index.js";
import { emulatorEnv } from "./emulator-env.js";

/** The change feed the local server reads on the Firestore emulator: a scan of update times (core's ScannedChangeFeed). */
describe("firestore change feed for the local server (Google's emulator)", () => {
  let stores: Stores;
  let raw: Firestore;
  beforeAll(() => {
    const env = emulatorEnv("changes");
    stores = firestoreStores(env);
    raw = new Firestore(firestoreSettings(env));
  });
  afterAll(async () => {
    await stores.close();
    await raw.terminate();
  });
  const feed = () => stores.changes!;

  it("hands on a committed order as plain JSON, then its update as a new version, and nothing once acknowledged", async () => {
    const order = orderAt(new Date("2026-11-27T10:00:00.000Z"), { customerId: uniqueCustomer() });
    await stores.orders.create(order);
    const [created, ...others] = await feed().pending("orders", 100);
    expect(others).toEqual([]);
    expect(created).toMatchObject({ key: order.id, operation: "write", document: { customerId: order.customerId, version: 1, createdAt: order.createdAt } });
    expect(created!.committedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    await feed().acknowledge([created!.id]);
    expect(await feed().pending("orders", 100)).toEqual([]);

    const confirmed = { ...order, status: "confirmed" as const, version: 2, updatedAt: new Date().toISOString() };
    await stores.orders.update(confirmed, 1);
    const [updated] = await feed().pending("orders", 100);
    expect(updated).toMatchObject({ key: order.id, document: { status: "confirmed", version: 2 } });
    expect(updated!.id).not.toBe(created!.id);
  });

  it("hands on a document written outside the store, and leaves out one deleted before it is read", async () => {
    await raw.collection("parcels").doc("p1").set({ weight: 2 });
    const [parcel] = await feed().pending("parcels", 100);
    expect(parcel).toMatchObject({ key: "p1", document: { weight: 2 } });
    await raw.collection("parcels").doc("p1").delete();
    expect(await feed().pending("parcels", 100)).toEqual([]);
  });
});
