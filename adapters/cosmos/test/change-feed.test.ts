import { randomBytes } from "node:crypto";
import type { Stores } from "@skyport/core";
import { orderAt, uniqueCustomer } from "@skyport/core/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cosmosStores, ORDERS_CONTAINER } from "../src/index.js";
import { createCosmosContainers, emulatorAgent, emulatorClient } from "../src/testing/index.js";

const server = inject("cosmos");

/** The change feed the local server reads on the Cosmos DB server: a scan of etags (core's ScannedChangeFeed). */
describe("cosmos change feed for the local server (the Cosmos DB server)", () => {
  let stores: Stores;
  let database: string;
  beforeAll(async () => {
    database = `changes_${randomBytes(4).toString("hex")}`;
    await createCosmosContainers(server, database);
    stores = cosmosStores(
      { SKYPORT_COSMOS_ENDPOINT: server.endpoint, SKYPORT_COSMOS_KEY: server.key, SKYPORT_COSMOS_DATABASE: database },
      { agent: emulatorAgent() },
    );
  });
  afterAll(() => stores.close());
  const feed = () => stores.changes!;

  it("hands on a committed order without Cosmos DB's system properties, then its update as a new version, and nothing once acknowledged", async () => {
    const order = orderAt(new Date("2026-11-27T10:00:00.000Z"), { customerId: uniqueCustomer() });
    await stores.orders.create(order);
    const [created, ...others] = await feed().pending("orders", 100);
    expect(others).toEqual([]);
    expect(created).toMatchObject({ key: order.id, operation: "write", document: { id: order.id, version: 1, createdAt: order.createdAt } });
    expect(Object.keys(created!.document).filter((name) => name.startsWith("_"))).toEqual([]);
    await feed().acknowledge([created!.id]);
    expect(await feed().pending("orders", 100)).toEqual([]);

    await stores.orders.update({ ...order, status: "confirmed", version: 2, updatedAt: new Date().toISOString() }, 1);
    const [updated] = await feed().pending("orders", 100);
    expect(updated).toMatchObject({ key: order.id, document: { status: "confirmed", version: 2 } });
    expect(updated!.id).not.toBe(created!.id);
  });

  it("hands on a document written outside the store, and nothing of it once deleted", async () => {
    const client = emulatorClient(server);
    try {
      const container = client.database(database).container(ORDERS_CONTAINER.id);
      await container.items.create({ id: "gone" });
      expect((await feed().pending("orders", 100)).map((change) => change.key)).toContain("gone");
      await container.item("gone", "gone").delete();
      expect((await feed().pending("orders", 100)).map((change) => change.key)).not.toContain("gone");
    } finally {
      client.dispose();
    }
  });
});
