import { randomBytes } from "node:crypto";
import { orderStoresOn } from "@skyport/core/orders";
import { expectProblemResponse } from "@skyport/core/testing";
import { serviceOver, serviceSend } from "@skyport/core/orders/testing";
import { expect, inject, it } from "vitest";
import { cosmosDocuments } from "../src/index.js";
import { emulatorAgent, emulatorClient, emulatorEnv } from "../src/testing/index.js";

it("answers Cosmos DB's own error for a query the container has no index for with a bare 500 that names nothing", async () => {
  const server = inject("cosmos");
  const database = `skyport_unindexed_${randomBytes(4).toString("hex")}`;
  // The orders container as a hand-made one might be: the right key, none of the composite indexes a customer's list needs.
  const client = emulatorClient(server);
  const { database: created } = await client.databases.createIfNotExists({ id: database });
  await created.containers.createIfNotExists({ id: "orders", partitionKey: { paths: ["/p_id"] } });
  const stores = orderStoresOn(cosmosDocuments(emulatorEnv(server, database), { agent: emulatorAgent() }));
  try {
    const response = await serviceSend(serviceOver(stores))({ method: "GET", path: "/orders?customerId=cus_1" });
    expectProblemResponse(response, 500);
    expect(response.body).not.toMatch(new RegExp(`${database}|composite|index|BadRequest|dbs/|colls/`, "i"));
  } finally {
    client.dispose();
    await stores.close();
  }
});
