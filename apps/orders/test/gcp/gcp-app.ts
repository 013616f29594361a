import { firestoreStores } from "@skyport/firestore";
import type { ContractRequest, ContractResponse } from "@skyport/core/testing";
import { fetchTarget } from "@skyport/core/testing";
import type { Env } from "@skyport/core";
import { serveFunction } from "@skyport/gcp-functions/testing";
import type { StoreLoaders } from "../../src/container.js";
import { FUNCTION_NAMES, GCP_STORES, registerOrderFunctions } from "../../src/gcp/functions.js";
import { eventarcRelay } from "./eventarc-relay.js";
import { functionEnv } from "./function-env.js";

/**
 * The GCP entry's three functions, each on the framework's own server on loopback, over the
 * emulators; POST /orders publishes to the Pub/Sub emulator, and a relay pushes what it publishes
 * to the queue function, as Eventarc does.
 */
export async function gcpApp(projectId: string, extra: Env = {}, firestore: { host?: string; deadlineMs?: number } = {}) {
  const env = await functionEnv(projectId, extra, firestore.host);
  const lines: Record<string, unknown>[] = [];
  const stores: StoreLoaders = { ...GCP_STORES, firestore: (storeEnv) => firestoreStores(storeEnv, { deadlineMs: firestore.deadlineMs }) };
  registerOrderFunctions(env, { logWrite: (line) => lines.push(JSON.parse(line)), stores: firestore.deadlineMs ? stores : GCP_STORES });
  // The framework keeps one function per name: serve each before anything registers again.
  const [http, queue, cleanup] = [await serveFunction(FUNCTION_NAMES.http), await serveFunction(FUNCTION_NAMES.queue), await serveFunction(FUNCTION_NAMES.cleanup)];
  const relay = await eventarcRelay(projectId, env.SKYPORT_PUBSUB_TOPIC!, queue.url);
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
