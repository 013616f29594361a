import { randomBytes } from "node:crypto";
import { idempotencyCollection, ordersCollection, orderStoresOn } from "@skyport/core";
import { outageContract, storeOutageTarget, switchableProxy } from "@skyport/core/testing";
import { inject } from "vitest";
import { cosmosDocuments } from "../src/index.js";
import { emulatorAgent, emulatorEnv } from "../src/testing/index.js";

outageContract("cosmos (the Cosmos DB server behind a proxy that goes away)", async () => {
  const server = inject("cosmos");
  const env = emulatorEnv(server, `outage_${randomBytes(4).toString("hex")}`);
  const documents = cosmosDocuments(env, { agent: emulatorAgent() });
  await documents.ensure([ordersCollection, idempotencyCollection]).finally(() => documents.close());
  const endpoint = new URL(server.endpoint);
  const proxy = await switchableProxy(Number(endpoint.port));
  endpoint.port = String(proxy.port);
  return storeOutageTarget(orderStoresOn(cosmosDocuments({ ...env, SKYPORT_COSMOS_ENDPOINT: endpoint.origin }, { agent: emulatorAgent() })), proxy);
});
