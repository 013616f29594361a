// The worker's built-in module is in place before the bundle loads, as on Azure.
import { installWorkerCore } from "@skyport/azure-functions/testing/worker-core";
const worker = installWorkerCore();

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../src/app.js";
import { appQueues, appSettings, type AppSettings } from "./app-settings.js";

const distDir = join(dirname(fileURLToPath(import.meta.url)), "../../dist/azure");
type Metafile = { outputs: Record<string, { inputs: Record<string, unknown> }> };
/** esbuild's metafile of the Azure build: main.mjs and each chunk it loads lazily are outputs of their own. */
const metafile = () => JSON.parse(readFileSync(join(distDir, "../meta/azure.json"), "utf8")) as Metafile;
const file = (name: string) => {
  const path = join(distDir, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: build the Azure app first (npm run build, or node apps/orders/build/index.mjs azure)`);
  return path;
};

describe("dist/azure, the deployable Functions app", () => {
  it("holds host.json with the extension bundle, the empty route prefix and the queue retry settings", () => {
    const host = JSON.parse(readFileSync(file("host.json"), "utf8"));
    expect(host).toMatchObject({
      version: "2.0",
      extensionBundle: { id: "Microsoft.Azure.Functions.ExtensionBundle", version: "[4.*, 5.0.0)" },
      extensions: { http: { routePrefix: "" }, queues: { messageEncoding: "base64", maxDequeueCount: expect.any(Number) } },
    });
  });

  it("has a package.json whose main is the bundle, an ES module", () => {
    const manifest = JSON.parse(readFileSync(file("package.json"), "utf8"));
    expect(manifest).toMatchObject({ type: "module", main: "main.mjs" });
    expect(existsSync(join(distDir, manifest.main))).toBe(true);
  });

  it("bundles no AWS or Google code and no store SDK but Cosmos DB's in any of its files (esbuild's metafile)", () => {
    const inputs = Object.values(metafile().outputs).flatMap((output) => Object.keys(output.inputs));
    const forbidden =
      /@aws-sdk\/|@smithy\/|aws-lambda|@google-cloud\/|google-gax|firebase|better-sqlite3|adapters\/(dynamodb|firestore|sqlite|aws-lambda|gcp-functions)\//;
    expect(inputs.filter((input) => forbidden.test(input))).toEqual([]);
    for (const wanted of [
      "node_modules/@azure/cosmos/",
      "node_modules/@azure/functions/",
      "node_modules/@azure/storage-queue/",
      "adapters/cosmos/src/",
      "adapters/azure-functions/src/",
    ]) {
      expect(
        inputs.some((input) => input.includes(wanted)),
        wanted,
      ).toBe(true);
    }
  });

  it("keeps the lazily imported Blob, Queue Storage and identity SDKs out of main.mjs: chunks that load at their first use", () => {
    const outputs = Object.entries(metafile().outputs);
    const main = outputs.find(([name]) => name.endsWith("/azure/main.mjs"))?.[1];
    expect(main, "main.mjs in the metafile").toBeDefined();
    const lazy = /node_modules\/@azure\/(storage-blob|storage-queue|identity|msal-[a-z]+)\//;
    expect(Object.keys(main!.inputs).filter((input) => lazy.test(input))).toEqual([]);
    // They are deployed all the same: in the chunks beside it, which the zip step uploads with it.
    const chunks = outputs.filter(([name]) => /\/azure\/chunks\/[^/]+\.mjs$/.test(name));
    for (const name of ["storage-blob", "storage-queue", "identity"]) {
      expect(
        chunks.some(([, output]) => Object.keys(output.inputs).some((input) => input.includes(`node_modules/@azure/${name}/`))),
        name,
      ).toBe(true);
    }
    for (const [name] of chunks) expect(existsSync(join(distDir, "chunks", name.slice(name.lastIndexOf("/") + 1))), name).toBe(true);
  });

  it("is zipped whole by the deploy steps of README.md and deploy/azure/README.md, its chunks with main.mjs", () => {
    for (const readme of ["../../../../README.md", "../../../../deploy/azure/README.md"]) {
      expect(readFileSync(join(distDir, readme), "utf8"), readme).toContain("(cd apps/orders/dist/azure && zip -qr ../azure.zip .)");
    }
  });
});

describe("the bundle, loaded as the worker loads it", () => {
  let settings: AppSettings;
  let bundle: { handlers: Record<string, unknown> };

  beforeAll(async () => {
    // The memory store: this checks the bundle's wiring; the contracts on Cosmos run from the sources.
    settings = await appSettings({ SKYPORT_STORE: "memory" });
    Object.assign(process.env, settings);
    bundle = await import(/* @vite-ignore */ pathToFileURL(file("main.mjs")).href);
  });

  it("registers every function of the app by name with the worker, and exports the very handlers it registered", () => {
    const declared = Object.keys(app.functions).sort();
    expect([...worker.registered.keys()].sort()).toEqual(declared);
    for (const name of declared) expect(worker.registered.get(name)!.callback).toBe(bundle.handlers[name]);
  });

  it("creates an order from RPC data; the outbox, handed its document, puts order.created on the Storage queue, which confirms it", async () => {
    const httpBinding = Object.keys(worker.registered.get("api")!.metadata.bindings).find((k) => k !== "$return")!;
    const body = new TextEncoder().encode(JSON.stringify({ customerId: "cus_bundle", items: [{ sku: "A", quantity: 2, unitPrice: 50 }], currency: "EUR" }));
    const rpcHttp = (method: string, path: string, bytes?: Uint8Array) => ({
      inputData: [
        {
          name: httpBinding,
          data: {
            http: {
              method,
              url: `https://skyport-orders.azurewebsites.net${path}`,
              headers: bytes ? { "content-type": "application/json" } : {},
              query: {},
              params: { path: path.slice(1) },
              ...(bytes ? { body: { bytes } } : {}),
            },
          },
        },
      ],
    });
    const created = (await worker.invoke("api", rpcHttp("POST", "/orders", body))).returnValue!.http!;
    expect(created.statusCode).toBe("201");
    const order = JSON.parse(Buffer.from(created.body!.bytes!).toString()) as { id: string };

    // The memory store has no change feed: the outbox is handed the order as the Cosmos DB trigger hands the Cosmos store's item
    // (the order's JSON text in $document, its version in $version, the query attributes and system properties beside them).
    const document = {
      id: order.id.replaceAll("_", "_5F"),
      p_id: order.id,
      $version: "v1",
      $document: JSON.stringify(order),
      _rid: "AAAAAA==",
      _etag: '"00000000-0000-0000-0000-000000000000"',
      _ts: Math.floor(Date.now() / 1000),
      _lsn: 1,
    };
    const changeBinding = Object.keys(worker.registered.get("outbox")!.metadata.bindings).find((k) => k !== "$return" && !k.startsWith("storageQueue"))!;
    await worker.invoke("outbox", { inputData: [{ name: changeBinding, data: { json: JSON.stringify([document]) } }] });

    const { receivedMessageItems } = await appQueues(settings).queue.receiveMessages();
    expect(receivedMessageItems).toHaveLength(1);
    const text = Buffer.from(receivedMessageItems[0]!.messageText, "base64").toString();
    await worker.invoke("confirm", {
      inputData: [{ name: Object.keys(worker.registered.get("confirm")!.metadata.bindings)[0]!, data: { string: text } }],
      triggerMetadata: {
        Id: { string: receivedMessageItems[0]!.messageId },
        DequeueCount: { int: receivedMessageItems[0]!.dequeueCount },
        QueueTrigger: { string: text },
      },
    });

    const read = (await worker.invoke("api", rpcHttp("GET", `/orders/${order.id}`))).returnValue!.http!;
    expect(JSON.parse(Buffer.from(read.body!.bytes!).toString())).toMatchObject({ id: order.id, status: "confirmed", version: 2 });
  });
});
