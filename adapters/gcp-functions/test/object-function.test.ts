import { randomUUID } from "node:crypto";
import { cloudEvent, type CloudEvent } from "@google-cloud/functions-framework";
import { lazyHandler, objectCreated, silentLogger, type AppInstance } from "@skyport/core";
import { importOrders, type OrderDeps } from "@skyport/core/orders";
import { customerOrderCount, importContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import { describe, expect, it } from "vitest";
import { fromStorageEvent, gcpObjectHandler, gcsObjects, type StorageObjectData } from "../src/index.js";
import fixture from "../src/testing/fixtures/storage-object-finalized.json" with { type: "json" };
import { startGcsStandIn } from "../src/testing/gcs-stand-in.js";
import { serveFunction } from "../src/testing/loopback-server.js";

const BUCKET = "orders-imports";

describe("a Cloud Storage object.finalized CloudEvent", () => {
  it("names the object as its data does, with its md5Hash as the content hash (not its generation)", () => {
    expect(fromStorageEvent(fixture as CloudEvent<unknown>)).toEqual({
      bucket: "skyport-orders-imports",
      name: "imports/November orders.csv",
      size: 524288,
      contentHash: "md5:1B2M2Y8AsgTpgAmY7PhCfg==",
    });
  });

  it("is refused when it is another event type", () => {
    expect(() => fromStorageEvent({ ...fixture, type: "google.cloud.storage.object.v1.deleted" } as CloudEvent<unknown>)).toThrow(/object.finalized/);
  });
});

/**
 * The function served by the functions framework, given the CloudEvent Eventarc sends (binary
 * mode) for each upload; Cloud Storage is a local HTTP stand-in of the JSON API's media
 * endpoints (src/testing/gcs-stand-in.ts), not Google's service or an emulator of it.
 */
importContract("functions framework CloudEvent function over a Cloud Storage JSON API stand-in", async () => {
  const gcs = await startGcsStandIn();
  const finalized = new Map<string, StorageObjectData>();
  gcs.onFinalized = (object) => finalized.set(object.name, object);
  const objects = gcsObjects({ STORAGE_EMULATOR_HOST: gcs.url });
  const deps: OrderDeps = memoryOrderDeps();
  const instance: AppInstance<OrderDeps> = { logger: silentLogger, services: async () => deps };
  const fn = objectCreated(BUCKET, "imports/", (services: OrderDeps) => importOrders(services));
  const name = `import${randomUUID().slice(0, 8)}`;
  cloudEvent(name, gcpObjectHandler(lazyHandler(fn, instance), { logger: silentLogger, objects }));
  const server = await serveFunction(name);
  const { Storage } = await import("@google-cloud/storage");
  const storage = new Storage({ apiEndpoint: gcs.url, projectId: "skyport-test" });

  const deliver = async (file: string) => {
    const data = finalized.get(`imports/${file}`)!;
    const response = await fetch(server.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "ce-specversion": "1.0",
        "ce-id": randomUUID(),
        "ce-source": `//storage.googleapis.com/projects/_/buckets/${BUCKET}`,
        "ce-type": "google.cloud.storage.object.v1.finalized",
        "ce-subject": `objects/${data.name}`,
        "ce-time": new Date().toISOString(),
      },
      body: JSON.stringify(data),
    });
    expect(response.status).toBe(204);
  };
  return {
    async drop(file, content) {
      await storage.bucket(BUCKET).file(`imports/${file}`).save(Buffer.from(content), { resumable: false, validation: false });
      await deliver(file);
    },
    redeliver: deliver,
    report: async (file) => JSON.parse(gcs.objects.get(`${BUCKET}/reports/${file}.json`)!.toString("utf8")),
    countOrders: async (customerId) => customerOrderCount(deps.orders, customerId),
    async close() {
      await server.close();
      await gcs.close();
    },
  };
});
