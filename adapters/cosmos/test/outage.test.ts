import { randomBytes } from "node:crypto";
import { outageContract, storeOutageTarget, switchableProxy } from "@skyport/core/testing";
import { inject } from "vitest";
import { cosmosStores } from "../src/index.js";
import { createCosmosContainers, emulatorAgent } from "../src/testing/index.js";

outageContract("cosmos (the Cosmos DB server behind a proxy that goes away)", async () => {
  const server = inject("cosmos");
  const database = `outage_${randomBytes(4).toString("hex")}`;
  await createCosmosContainers(server, database);
  const endpoint = new URL(server.endpoint);
  const proxy = await switchableProxy(Number(endpoint.port));
  endpoint.port = String(proxy.port);
  const env = { SKYPORT_COSMOS_ENDPOINT: endpoint.origin, SKYPORT_COSMOS_KEY: server.key, SKYPORT_COSMOS_DATABASE: database };
  return storeOutageTarget(cosmosStores(env, { agent: emulatorAgent() }), proxy);
});
