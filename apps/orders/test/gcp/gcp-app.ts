import { firestoreStores } from "@skyport/firestore";
import type { ContractRequest, ContractResponse } from "@skyport/core/testing";
import { fetchTarget } from "@skyport/core/testing";
import type { Env } from "@skyport/core";
import { registerGcpApp } from "@skyport/gcp-functions";
import { serveFunction } from "@skyport/gcp-functions/testing";
import app from "../../src/app.js";
import type { StoreLoaders } from "../../src/container.js";
import gcpWiring, { GCP_STORES } from "../../src/gcp.js";
import { eventarcRelay } from "./eventarc-relay.js";
import { functionEnv } from "./function-env.js";

/**
 * The order app's three functions, each on the framework's own server on loopback, over the
 * emulators; POST /orders publishes to the Pub/Sub emulator, and a relay pushes what it publishes
 * to the queue function, as Eventarc does.
 */
export async function gcpApp(projectId: string, extra: Env = {}, firestore: { host?: string; deadlineMs?: number } = {}) {
  const env = await functionEnv(projectId, extra, firestore.host);
  const lines: Record<string, unknown>[] = [];
  const stores: StoreLoaders = { ...GCP_STORES, firestore: (storeEnv) => firestoreStores(storeEnv, { deadlineMs: firestore.deadlineMs }) };
  const options = { logWrite: (line: string) => void lines.push(JSON.parse(line)), stores: firestore.deadlineMs ? stores : GCP_STORES };
  registerGcpApp(app, (appEnv, platform) => gcpWiring(appEnv, platform, options), env);
  // The framework keeps one function per name: serve each before anything registers again.
  const [http, queue, cleanup] = [await serveFunction("api"), await serveFunction("confirm"), await serveFunction("cleanup")];
  const relay = await eventarcRelay(projectId, env.SKYPORT_TOPIC_ORDERS!, queue.url);
  // A second client on the same project, to seed and read orders behind the functions' back.
  const peer = firestoreStores(env);

  let published = 0;
  const site = fetchTarget(http.url);
  /** Every new order publishes exactly one order.created: count them to know what the relay owes. */
  const send = async (request: ContractRequest): Promise<ContractResponse> => {
    const response = await site.send(request);
    const created = request.method === "POST" && response.status === 201 && response.headers["idempotent-replayed"] === undefined;
    if (created) published++;
    return response;
  };
  return {
    env,
    lines,
    urls: { http: http.url, queue: queue.url, cleanup: cleanup.url },
    peer,
    send,
    settle: () => relay.settled(published),
    relay,
    async close() {
      await relay.close();
      await Promise.all([http.close(), queue.close(), cleanup.close()]);
      await peer.close();
    },
  };
}
