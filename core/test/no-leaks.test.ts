import { describe, expect, it } from "vitest";
import { jsonLogger, type HttpRequest } from "../src/index.js";
import { createOrderService } from "../src/orders/index.js";
import { memoryOrderDeps } from "../src/orders/testing/index.js";
import { redact } from "../src/ports/json-logger.js";

describe("logs", () => {
  it("never carry card-like numbers or the Authorization header", async () => {
    const lines: string[] = [];
    const logger = jsonLogger({ level: "debug", write: (line) => lines.push(line) });
    const service = createOrderService(
      memoryOrderDeps({ events: { publish: async () => Promise.reject(new Error("queue down for card 4111 1111 1111 1111")) } }),
    );
    const request = (path: string, body: string): HttpRequest => ({
      method: "POST",
      path,
      query: new URLSearchParams("card=5500-0000-0000-0004"),
      headers: { "content-type": "application/json", authorization: "Bearer s3cr3t-token" },
      body: Buffer.from(body),
    });
    const context = { requestId: "r", cloud: "local" as const, logger };
    await service.http(request("/orders", '{"customerId":"4111111111111111","items":[],"currency":"EUR"}'), context);
    await service.http(request("/orders/4111111111111111", "{}"), context);
    await service.http(request("/orders", '{"customerId":"c1","items":[{"sku":"A","quantity":1,"unitPrice":1}],"currency":"EUR"}'), context);
    await service.queue([{ id: "m", attempt: 1, body: '{"type":"order.created","card":"4111111111111111"}' }], context);

    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join("\n");
    expect(all).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111|5500-0000-0000-0004/);
    expect(all).not.toMatch(/s3cr3t-token|authorization/i);
  });

  it("leave numbers alone, so that a line stays valid JSON (EMF timestamps)", () => {
    const emf = '{"message":"order created","orderId":"ord_1","_aws":{"Timestamp":1764216141444,"CloudWatchMetrics":[]},"n":4111111111111111}';
    expect(JSON.parse(redact(emf))).toEqual(JSON.parse(emf));
  });

  it("keep platform ids and digit runs that fail the Luhn check", () => {
    const pubsub = '{"messageId":"4111111111111111","n":"1234567890123","awsRequestId":"msg-1795746270264-4111-1111-1111-1111"}';
    expect(redact(pubsub)).toBe(pubsub);
    expect(redact('{"note":"4111111111111111"}')).toBe('{"note":"[redacted]"}');
  });

  it("redact card-like digit runs but keep timestamps, ids and small numbers", () => {
    expect(redact('{"n":"4111 1111 1111 1111","m":"4111-1111-1111-1111","o":"4111111111111111"}')).toBe('{"n":"[redacted]","m":"[redacted]","o":"[redacted]"}');
    const ordinary = '{"time":"2026-11-26T10:00:00.000Z","latencyMs":1.234,"total":100000000000,"id":"ord_01JD0000000000000000000000"}';
    expect(redact(ordinary)).toBe(ordinary);
  });
});
