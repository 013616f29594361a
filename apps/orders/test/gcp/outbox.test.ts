import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { gcpApp } from "./gcp-app.js";
import { uniqueProject } from "./function-env.js";

/**
 * The outbox on Google Cloud when the function dies: the Firestore emulator's delivery of a created
 * order is taken by a stand-in for an instance that crashed (it answers 500 and does nothing), then
 * delivered again to the outbox function as Eventarc redelivers a failed event (the emulator itself
 * does not retry a 500), and again, as at-least-once delivery may.
 */
const projectId = uniqueProject("outbox");
let app: Awaited<ReturnType<typeof gcpApp>>;
const captured: { headers: Record<string, string>; body: Buffer }[] = [];
const crashed = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.startsWith("ce-") || name === "content-type")) as Record<
    string,
    string
  >;
  captured.push({ headers, body: Buffer.concat(chunks) });
  response.writeHead(500).end();
});

beforeAll(async () => {
  app = await gcpApp(projectId);
  crashed.listen(0, "127.0.0.1");
  await once(crashed, "listening");
  // The project's Firestore triggers now reach the crashing instance instead of the outbox function.
  const url = `http://127.0.0.1:${(crashed.address() as AddressInfo).port}`;
  await fetch(`${inject("gcp").triggerRouter}/routes`, { method: "POST", body: JSON.stringify({ project: projectId, url }) });
});
afterAll(async () => {
  crashed.close();
  await app?.close();
});

const waitFor = async <T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 25))) {
    const value = read();
    if (value !== undefined) return value;
  }
  throw new Error(`nothing arrived in ${timeoutMs} ms`);
};

describe("the outbox on Google Cloud: Firestore's written event -> the outbox function -> Pub/Sub", () => {
  it("confirms the order once the event a crashed instance failed is delivered again, and a further delivery changes nothing", async () => {
    const body = JSON.stringify({ customerId: "cus_gcp_crash", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" });
    const created = await app.send({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };
    const delivery = await waitFor(() => captured.find((c) => c.headers["ce-document"] === `orders/${id}`));
    // The Firestore emulator's own delivery: protobuf DocumentEventData, sent base64-encoded.
    expect(delivery.headers).toMatchObject({ "ce-type": "google.cloud.firestore.document.v1.written", "content-type": "application/protobuf" });
    // Its document is the store's layout: the order's JSON text in $document, which core reads back as the order.
    const data = Buffer.from(delivery.body.toString("latin1"), "base64");
    expect(data.includes("$document") && data.includes(`"id":"${id}"`)).toBe(true);
    expect((await app.peer.orders.get(id))?.status).toBe("pending");
    expect(app.relay.pushed()).toEqual([]);

    for (const attempt of [1, 2]) {
      const answer = await fetch(app.urls.outbox, { method: "POST", headers: delivery.headers, body: delivery.body });
      expect(answer.status, `redelivery ${attempt}`).toBeLessThan(300);
    }
    await waitFor(() => (app.relay.pushed().length === 2 ? true : undefined));
    await app.relay.settled(2);
    expect(app.relay.pushed().map((data) => JSON.parse(data))).toEqual([
      { type: "order.created", orderId: id },
      { type: "order.created", orderId: id },
    ]);
    expect(await app.peer.orders.get(id)).toMatchObject({ status: "confirmed", version: 2 });
  });
});
