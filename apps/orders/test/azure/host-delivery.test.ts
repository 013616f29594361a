import type { CosmosDBv4Handler } from "@azure/functions";
import { hostHttpRequest, hostInvocationContext, listenOnce, type InvocationLog } from "@skyport/azure-functions/testing";
import { emulatorClient, storedItemOf } from "@skyport/cosmos/testing";
import { ordersCollection, type Order } from "@skyport/core/orders";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { hostSettings } from "@skyport/azure-functions";
import host from "../../host.json" with { type: "json" };
import { appQueues, appSettings, loadAzureEntry, type AppSettings } from "./app-settings.js";

type Entry = Awaited<ReturnType<typeof loadAzureEntry>>;

/**
 * POST /orders commits the order; the outbox function, given the order's document read back from
 * the Cosmos DB server as the change feed trigger delivers it, publishes order.created to the
 * Storage queue (azurite); the message is received, decoded and handed to the queue function as the
 * host's queue listener does, with host.json's maxDequeueCount; the order is confirmed, in the
 * trace the outbox invocation started.
 */
describe("order.created, from POST /orders through the Storage queue to the queue function", () => {
  let settings: AppSettings;
  let entry: Entry;
  const logs: InvocationLog[] = [];
  const listen = () => listenOnce(entry.queue, { ...appQueues(settings), maxDequeueCount: hostSettings(host).maxDequeueCount, logs });

  beforeAll(async () => {
    settings = await appSettings({ SKYPORT_LOG_LEVEL: "info" });
    entry = await loadAzureEntry(settings);
  });

  const send = async (method: string, path: string, body?: unknown) => {
    const invocation = hostInvocationContext({ functionName: "api", triggerType: "httpTrigger" });
    const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
    const response = await entry.http(hostHttpRequest({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) }), invocation);
    return { status: response.status, order: JSON.parse(String(response.body)) as Order, traceparent: invocation.traceContext!.traceParent! };
  };

  it("confirms the order the published message names, and the host deletes the message", async () => {
    const created = await send("POST", "/orders", { customerId: "cus_azure_host", items: [{ sku: "SKU-1", quantity: 1, unitPrice: 100 }], currency: "EUR" });
    expect(created.status).toBe(201);
    expect((await appQueues(settings).queue.peekMessages()).peekedMessageItems).toEqual([]); // the HTTP function publishes nothing

    const azure = inject("azure");
    const cosmos = emulatorClient({ endpoint: azure.cosmosEndpoint, key: azure.cosmosKey });
    const document = await storedItemOf(cosmos.database(azure.database).container("orders"), ordersCollection, { id: created.order.id });
    cosmos.dispose();
    const changeFeed = hostInvocationContext({ functionName: "outbox", triggerType: "cosmosDBTrigger" });
    await (entry.handlers.outbox as CosmosDBv4Handler)([document], changeFeed);

    expect(Object.values(await listen())).toEqual(["done"]);

    const read = await send("GET", `/orders/${created.order.id}`);
    expect(read.order).toMatchObject({ id: created.order.id, status: "confirmed", version: 2 });
    expect((await appQueues(settings).queue.peekMessages()).peekedMessageItems).toEqual([]);

    const confirmed = logs.map((l) => JSON.parse(l.message)).find((l) => l.message === "order confirmed");
    expect(confirmed).toMatchObject({ orderId: created.order.id, attempt: 1, traceId: changeFeed.traceContext!.traceParent!.split("-")[1] });
  });

  it("moves a message that can never succeed to the poison queue after host.json's maxDequeueCount attempts", async () => {
    const { queue, poisonQueue } = appQueues(settings);
    await queue.sendMessage(Buffer.from('{"type":"order.created","orderId":"not-an-order-id"}').toString("base64"));
    const outcomes: string[] = [];
    for (let i = 0; i < hostSettings(host).maxDequeueCount; i++) outcomes.push(...Object.values(await listen()));
    expect(outcomes).toEqual([...Array(hostSettings(host).maxDequeueCount - 1).fill("retry"), "poisoned"]);
    expect((await poisonQueue.peekMessages()).peekedMessageItems).toHaveLength(1);
  });
});
