import { firestoreDocuments } from "@skyport/firestore";
import type { ContractRequest, ContractResponse } from "@skyport/core/testing";
import { fetchTarget } from "@skyport/core/testing";
import type { Env } from "@skyport/core";
import { orderStoresOn } from "@skyport/core/orders";
import { registerGcpApp } from "@skyport/gcp-functions";
import { serveFunction } from "@skyport/gcp-functions/testing";
import app from "../../src/app.js";
import type { StoreLoaders } from "../../src/container.js";
import gcpWiring, { GCP_STORES } from "../../src/gcp.js";
import { eventarcRelay } from "./eventarc-relay.js";
import { firestoreTrigger, functionEnv } from "./function-env.js";

/**
 * The order app's functions, each on the framework's own server on loopback, over the emulators:
 * the Firestore emulator delivers each write of an order to the outbox function, which publishes
 * order.created to the Pub/Sub emulator, and a relay pushes that to the queue function, as Eventarc does.
 */
export async function gcpApp(projectId: string, extra: Env = {}, firestore: { host?: string; deadlineMs?: number } = {}, { outbox: withOutbox = true } = {}) {
  const env = await functionEnv(projectId, extra, firestore.host);
  const lines: Record<string, unknown>[] = [];
  const stores: StoreLoaders = { ...GCP_STORES, firestore: (storeEnv) => firestoreDocuments(storeEnv, { deadlineMs: firestore.deadlineMs }) };
  const options = { logWrite: (line: string) => void lines.push(JSON.parse(line)), stores: firestore.deadlineMs ? stores : GCP_STORES };
  registerGcpApp(app, (appEnv, platform) => gcpWiring(appEnv, platform, options), env);
  // The framework keeps one function per name: serve each before anything registers again.
  const [http, queue, cleanup] = [await serveFunction("api"), await serveFunction("confirm"), await serveFunction("cleanup")];
  const relay = await eventarcRelay(projectId, env.SKYPORT_TOPIC_ORDERS!, queue.url);
  // The outbox: the Firestore emulator delivers the project's order documents' written events to it, as Eventarc does.
  // Left out where a test seeds orders behind the functions' back and expects no event for them.
  const outbox = await serveFunction("outbox");
  if (withOutbox) await firestoreTrigger(projectId, "outbox", outbox.url);
  // A second client on the same project, to seed and read orders behind the functions' back.
  const peer = orderStoresOn(firestoreDocuments(env));

  const created: string[] = [];
  const site = fetchTarget(http.url);
  /** Every new order makes the outbox publish order.created (at least once): keep them to know what the relay owes. */
  const send = async (request: ContractRequest): Promise<ContractResponse> => {
    const response = await site.send(request);
    const isNew = request.method === "POST" && response.status === 201 && response.headers["idempotent-replayed"] === undefined;
    if (isNew) created.push((JSON.parse(response.body) as { id: string }).id);
    return response;
  };
  /** Until every order created through the API was announced by the outbox and each pushed message was handled. */
  const settle = async (timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    const announced = () => new Set(relay.pushed().map((data) => (JSON.parse(data) as { orderId?: string }).orderId));
    while (!created.every((id) => announced().has(id))) {
      if (Date.now() > deadline) throw new Error(`the outbox announced ${announced().size} of ${created.length} orders in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await relay.settled(relay.pushed().length, timeoutMs);
  };
  return {
    env,
    lines,
    urls: { http: http.url, queue: queue.url, cleanup: cleanup.url, outbox: outbox.url },
    peer,
    send,
    settle: () => settle(),
    relay,
    async close() {
      await relay.close();
      await Promise.all([http.close(), queue.close(), cleanup.close(), outbox.close()]);
      await peer.close();
    },
  };
}
