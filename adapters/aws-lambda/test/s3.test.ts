import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { lazyHandler, objectCreated, silentLogger, type AppInstance } from "@skyport/core";
import { importOrders, type OrderDeps } from "@skyport/core/orders";
import { customerOrderCount, importContract, memoryOrderDeps } from "@skyport/core/orders/testing";
import type { S3Event } from "aws-lambda";
import S3rver from "s3rver";
import { describe, expect, it } from "vitest";
import { createdObjects, isS3Event, lambdaObjectHandler, s3Objects } from "../src/index.js";
import fixture from "../src/testing/fixtures/s3-put-event.json" with { type: "json" };
import { lambdaContext } from "../src/testing/lambda-context.js";

const BUCKET = "orders-imports";

describe("an S3 notification", () => {
  it("names the object with its key decoded as S3 encodes it (+ for a space, %2B for a plus), and its ETag as the content hash", () => {
    expect(isS3Event(fixture)).toBe(true);
    expect(createdObjects(fixture as S3Event)).toEqual([
      {
        bucket: "skyport-orders-imports-123456789012",
        name: "imports/November orders (2026)+été.csv",
        size: 1024,
        contentHash: "etag:d41d8cd98f00b204e9800998ecf8427e",
      },
    ]);
  });

  it("round-trips the fixture's key through the encoding the stand-in's events are given", () => {
    expect(formEncoded("imports/November orders (2026)+été.csv")).toBe(fixture.Records[0]!.s3.object.key);
  });

  it("hands over only object creations", () => {
    const removed = structuredClone(fixture);
    removed.Records[0]!.eventName = "ObjectRemoved:Delete";
    expect(createdObjects(removed as S3Event)).toEqual([]);
  });
});

/**
 * S3 as the form-encoded key S3 puts in a notification: s3rver emits its event in process, with
 * the key as written and an ARN S3 would not send (`arn:aws:s3: : :`), so the test builds the
 * event S3 sends from it.
 */
function asS3Notification(emitted: S3Event): S3Event {
  return {
    Records: emitted.Records.map((record) => ({
      ...record,
      s3: {
        ...record.s3,
        bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${record.s3.bucket.name}` },
        object: { ...record.s3.object, key: formEncoded(record.s3.object.key) },
      },
    })),
  };
}

/** A key as S3 writes it into a notification: each segment form-encoded (a space as +, parentheses too), the slashes kept. */
const formEncoded = (key: string) =>
  key
    .split("/")
    .map((part) =>
      encodeURIComponent(part)
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, "+"),
    )
    .join("/");

importContract("Lambda over S3 (s3rver)", async () => {
  const directory = await mkdtemp(join(tmpdir(), "skyport-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  const s3 = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
  const objects = s3Objects({ AWS_ENDPOINT_URL_S3: endpoint }, { region: "us-east-1", credentials });

  const deps: OrderDeps = memoryOrderDeps();
  const instance: AppInstance<OrderDeps> = { logger: silentLogger, services: async () => deps };
  const fn = objectCreated(BUCKET, "imports/", (services: OrderDeps) => importOrders(services));
  const handler = lambdaObjectHandler(lazyHandler(fn, instance), { logger: silentLogger, objects });

  const events = new Map<string, S3Event>();
  server.on("event", (event: S3Event) => {
    const key = event.Records[0]?.s3.object.key;
    if (key) events.set(key, asS3Notification(event));
  });
  const invoke = (name: string) => handler(events.get(`imports/${name}`)!, lambdaContext({ functionName: "skyport-orders-import" }));
  return {
    async drop(name, content) {
      events.delete(`imports/${name}`);
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `imports/${name}`, Body: content }));
      expect(events.get(`imports/${name}`)?.Records[0]?.s3.object.key).toBe(`imports/${name.replace(/ /g, "+")}`);
      await invoke(name);
    },
    redeliver: invoke,
    async report(name) {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `reports/${name}.json` }));
      return JSON.parse(await Body!.transformToString());
    },
    countOrders: async (customerId) => customerOrderCount(deps.orders, customerId),
    async close() {
      s3.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});
