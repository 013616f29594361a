import { randomBytes } from "node:crypto";
import { idempotencyCollection } from "@skyport/core";
import { ordersCollection, orderStoresOn } from "@skyport/core/orders";
import { switchableProxy } from "@skyport/core/testing";
import { outageContract, storeFaultsContract, storeOutageTarget } from "@skyport/core/orders/testing";
import { inject } from "vitest";
import { cosmosDocuments } from "../src/index.js";
import { emulatorAgent, emulatorEnv } from "../src/testing/index.js";

/** The order service on a database of its own on the Cosmos DB server, through a proxy which the contract takes away or slows. */
async function behindProxy() {
  const server = inject("cosmos");
  const env = emulatorEnv(server, `outage_${randomBytes(4).toString("hex")}`);
  const documents = cosmosDocuments(env, { agent: emulatorAgent() });
  await documents.ensure([ordersCollection, idempotencyCollection]).finally(() => documents.close());
  const endpoint = new URL(server.endpoint);
  const proxy = await switchableProxy(Number(endpoint.port));
  endpoint.port = String(proxy.port);
  return storeOutageTarget(orderStoresOn(cosmosDocuments({ ...env, SKYPORT_COSMOS_ENDPOINT: endpoint.origin }, { agent: emulatorAgent() })), proxy);
}

outageContract("cosmos (the Cosmos DB server behind a proxy that goes away)", behindProxy);
storeFaultsContract("cosmos (the Cosmos DB server behind a proxy that slows, goes away and comes back)", behindProxy);
