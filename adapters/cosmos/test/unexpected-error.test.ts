import { expectProblemResponse, serviceOver, serviceSend } from "@skyport/core/testing";
import { expect, inject, it } from "vitest";
import { cosmosStores } from "../src/index.js";
import { emulatorAgent } from "../src/testing/index.js";

it("answers Cosmos DB's own error for a database that is not there with a bare 500 that names nothing", async () => {
  const server = inject("cosmos");
  const database = `skyport_missing_${process.pid}`;
  const stores = cosmosStores(
    { SKYPORT_COSMOS_ENDPOINT: server.endpoint, SKYPORT_COSMOS_KEY: server.key, SKYPORT_COSMOS_DATABASE: database },
    { agent: emulatorAgent() },
  );
  try {
    const response = await serviceSend(serviceOver(stores))({
      method: "POST",
      path: "/orders",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customerId: "cus_1", items: [{ sku: "A", quantity: 1, unitPrice: 1 }], currency: "EUR" }),
    });
    expectProblemResponse(response, 500);
    expect(response.body).not.toMatch(new RegExp(`${database}|NotFound|Resource|dbs/|colls/`));
  } finally {
    await stores.close();
  }
});
