import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { installWorkerCore, type RpcInvocation, type WorkerCore } from "@skyport/azure-functions/testing/worker-core";
import { idempotencyCollection, type Documents } from "@skyport/core";
import type { ContractRequest, ContractResponse } from "@skyport/core/testing";
import { cosmosDocuments } from "@skyport/cosmos";
import { emulatorAgent, emulatorEnv } from "@skyport/cosmos/testing";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { notes } from "../../template/src/notes.js";
import { notesCacheContract, notesContract } from "./notes-contract.js";

/** A request as the Functions host hands it to the worker for api's `{*path}` route: RPC data. */
function rpcHttp(binding: string, request: ContractRequest): RpcInvocation {
  const url = new URL(request.path, "https://demo.azurewebsites.net");
  const body = request.body === undefined ? undefined : { bytes: Buffer.from(request.body) };
  const http = {
    method: request.method,
    url: url.href,
    headers: request.headers ?? {},
    query: Object.fromEntries(url.searchParams),
    params: { path: url.pathname.slice(1) },
    ...(body && { body }),
  };
  return { inputData: [{ name: binding, data: { http } }] };
}

/** What the host answers the client with for the worker's RPC response. */
async function sendThroughWorker(worker: WorkerCore, request: ContractRequest): Promise<ContractResponse> {
  const binding = Object.keys(worker.registered.get("api")!.metadata.bindings).find((name) => name !== "$return")!;
  const { returnValue } = await worker.invoke("api", rpcHttp(binding, request));
  const http = returnValue!.http!;
  const headers = Object.fromEntries(Object.entries(http.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { status: Number(http.statusCode), headers, body: Buffer.from(http.body?.bytes ?? []).toString("utf8") };
}

describe("a generated app's Azure Functions app, loaded as the worker loads it, keeps its notes in Cosmos DB (the Cosmos DB server), cached in Redis", () => {
  let documents: Documents;
  let worker: WorkerCore;

  beforeAll(async () => {
    const hex = randomBytes(3).toString("hex");
    // The Function App's settings as main.bicep sets them, pointed at the local server; the notes in a container of this test's.
    const settings = {
      ...emulatorEnv(inject("cosmos"), `demo-${hex}`),
      SKYPORT_STORE: "cosmos",
      SKYPORT_COLLECTION_NOTES: `notes-${hex}`,
      SKYPORT_COLLECTION_IDEMPOTENCY_KEYS: `keys-${hex}`,
      // Where work reads its secret (main.bicep's keyVaultName): read at start, never called by api.
      SKYPORT_KEY_VAULT_URL: "https://demo-vault.vault.azure.net/",
      SKYPORT_LOG_LEVEL: "error",
      // main.bicep's cache option: the cache on (its URL a Key Vault reference there).
      SKYPORT_CACHE: "redis",
      SKYPORT_REDIS_URL: inject("redisUrl"),
    };
    documents = cosmosDocuments(settings, { agent: emulatorAgent() });
    await documents.ensure([notes, idempotencyCollection]);
    // The worker's built-in module is in place before the app loads, and the app reads its settings while it loads, as on Azure.
    worker = installWorkerCore();
    Object.assign(process.env, settings);
    await import(/* @vite-ignore */ pathToFileURL(join(inject("demoApp"), "dist/azure/main.mjs")).href);
  });
  afterAll(() => documents?.close());

  const target = () => ({ send: (request: ContractRequest) => sendThroughWorker(worker, request), stored: documents.collection(notes) });
  notesContract(target);
  notesCacheContract(target);
});
