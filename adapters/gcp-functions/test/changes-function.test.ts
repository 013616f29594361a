import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cloudEvent } from "@google-cloud/functions-framework";
import { routeChanges, silentLogger, STORED_FIELDS, type Change } from "@skyport/core";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gcpChangesHandler } from "../src/index.js";
import { serveFunction, type FunctionServer } from "../src/testing/index.js";

/**
 * The changes function as Eventarc calls it in production: a binary-mode CloudEvent whose body
 * is the protobuf DocumentEventData's bytes (the Firestore emulator's base64 text is tested by
 * apps/orders/test/gcp/outbox.test.ts). No stand-in here sends Eventarc's bytes, so the body is
 * encoded from Google's published data.proto (vendored in ../proto), the definition Eventarc uses.
 */
const PROTO = fileURLToPath(new URL("../proto", import.meta.url));
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => (isAbsolute(target) ? target : join(PROTO, target));
const DocumentEventData = root
  .loadSync(join(PROTO, "google/events/cloud/firestore/v1/data.proto"), { keepCase: true })
  .lookupType("google.events.cloud.firestore.v1.DocumentEventData");

const NAME = "projects/p/databases/(default)/documents/orders/ord_1";
const at = { seconds: 1_790_000_000, nanos: 0 };
const order = (n: number, status: string) => ({ id: "ord_1", status, version: n, createdAt: "2026-09-21T14:13:20.000Z" });
/** The order as @skyport/firestore stores it: its JSON text and version (core's STORED_FIELDS) beside the key and index fields. */
const stored = (n: number, status: string) => ({
  [STORED_FIELDS.document]: JSON.stringify(order(n, status)),
  [STORED_FIELDS.version]: `v${n}`,
  k_id: "ord_1",
  k_status: status,
});
const version = (n: number, status: string) => ({
  name: NAME,
  fields: Object.fromEntries(Object.entries(stored(n, status)).map(([field, text]) => [field, { string_value: text }])),
  create_time: at,
  update_time: at,
});
const bytesOf = (data: object) => Buffer.from(DocumentEventData.encode(DocumentEventData.fromObject(data)).finish());

const handled: Change[][] = [];
const consumed: Change[] = [];
let failNext = false;
let server: FunctionServer;
let routed: FunctionServer;
beforeAll(async () => {
  const handler = async (changes: Change[]) => {
    handled.push(changes);
    const failed = failNext ? changes.map((c) => ({ id: c.id, retryable: true })) : [];
    failNext = false;
    return { failed };
  };
  cloudEvent(
    "outbox",
    gcpChangesHandler(async () => handler, { logger: silentLogger }),
  );
  server = await serveFunction("outbox");
  // The same events through core's change router, as a changes() function gets them.
  const router = routeChanges("orders", async (change) => void consumed.push(change));
  cloudEvent(
    "routed",
    gcpChangesHandler(async () => router, { logger: silentLogger }),
  );
  routed = await serveFunction("routed");
});
afterAll(async () => {
  await server.close();
  await routed.close();
});
/** POSTs a binary-mode CloudEvent, as Eventarc does; returns the framework's status. */
async function deliver(id: string, type: string, body: Buffer | string, url = server.url) {
  const headers = {
    "content-type": "application/protobuf",
    "ce-specversion": "1.0",
    "ce-id": id,
    "ce-type": type,
    "ce-source": "//firestore.googleapis.com/projects/p/databases/(default)",
    "ce-subject": "documents/orders/ord_1",
  };
  return (await fetch(url, { method: "POST", headers, body })).status;
}

describe("the changes function on Eventarc's Firestore CloudEvents (documented shape)", () => {
  it("reads the protobuf bytes Eventarc sends, and the emulator's base64 text of them, as the same insert", async () => {
    handled.length = 0;
    const bytes = bytesOf({ value: version(1, "pending") });
    expect(await deliver("e1", "google.cloud.firestore.document.v1.created", bytes)).toBe(204);
    expect(await deliver("e1", "google.cloud.firestore.document.v1.created", bytes.toString("base64"))).toBe(204);
    const instant = "2026-09-21T14:13:20.000Z";
    const insert = { id: "e1", key: "ord_1", operation: "insert", document: stored(1, "pending"), committedAt: instant };
    expect(handled).toEqual([[expect.objectContaining(insert)], [expect.objectContaining(insert)]]);
  });

  it("reads a written event with old_value as an update with the document before it, and one with only old_value as a delete", async () => {
    handled.length = 0;
    const written = "google.cloud.firestore.document.v1.written";
    expect(await deliver("e2", written, bytesOf({ value: version(2, "confirmed"), old_value: version(1, "pending") }))).toBe(204);
    expect(await deliver("e3", written, bytesOf({ old_value: version(2, "confirmed") }))).toBe(204);
    expect(handled).toEqual([
      [expect.objectContaining({ id: "e2", key: "ord_1", operation: "update", document: stored(2, "confirmed"), previous: stored(1, "pending") })],
      [expect.objectContaining({ id: "e3", key: "ord_1", operation: "delete", document: stored(2, "confirmed") })],
    ]);
  });

  it("hands a changes function the documents themselves and their versions: core reads the stored layout back", async () => {
    consumed.length = 0;
    const written = "google.cloud.firestore.document.v1.written";
    expect(await deliver("e7", written, bytesOf({ value: version(2, "confirmed"), old_value: version(1, "pending") }), routed.url)).toBe(204);
    expect(await deliver("e8", written, bytesOf({ old_value: version(2, "confirmed") }), routed.url)).toBe(204);
    expect(consumed).toEqual([
      expect.objectContaining({ operation: "update", document: order(2, "confirmed"), version: "v2", previous: order(1, "pending") }),
      expect.objectContaining({ operation: "delete", document: order(2, "confirmed"), version: "v2" }),
    ]);
  });

  it("answers 500 for a change that failed, so that Eventarc delivers it again", async () => {
    failNext = true;
    expect(await deliver("e4", "google.cloud.firestore.document.v1.created", bytesOf({ value: version(1, "pending") }))).toBe(500);
  });

  it("refuses with 500, not calling the handler, a body that is not DocumentEventData, an event not Firestore's, or one of no document", async () => {
    handled.length = 0;
    expect(await deliver("e5", "google.cloud.firestore.document.v1.created", Buffer.from([0x0a, 0xff, 0xff]))).toBe(500);
    expect(await deliver("e6", "google.cloud.pubsub.topic.v1.messagePublished", bytesOf({ value: version(1, "pending") }))).toBe(500);
    expect(await deliver("e9", "google.cloud.firestore.document.v1.written", bytesOf({}))).toBe(500);
    expect(handled).toEqual([]);
  });
});
