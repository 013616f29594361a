import { gzipSync } from "node:zlib";
import { http } from "@google-cloud/functions-framework";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchTarget, type ContractResponse } from "@skyport/core/testing";
import { httpContract, uniqueCustomer } from "@skyport/core/orders/testing";
import { StoreUnavailable } from "@skyport/core";
import { gcpHttpHandler } from "../src/index.js";
import { serveFunction, type FunctionServer } from "../src/testing/index.js";
import { capturedLogger, memoryOrderService } from "./order-service.js";

httpContract("functions framework HTTP function, memory store", async () => {
  const { deps, service } = memoryOrderService();
  http(
    "ordersContract",
    gcpHttpHandler(async () => service.http, { logger: capturedLogger().logger }),
  );
  const server = await serveFunction("ordersContract");
  return fetchTarget(server.url, { idempotency: deps.idempotency, close: server.close });
});

const order = () => JSON.stringify({ customerId: uniqueCustomer(), items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" });

function expectProblem(response: ContractResponse, status: number, kind: string) {
  expect(response.status, response.body).toBe(status);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  expect(JSON.parse(response.body)).toMatchObject({ type: `https://skyport.dev/problems/${kind}`, status });
  expect(response.headers["x-request-id"]).toMatch(/^[A-Za-z0-9._-]+$/);
}

describe("requests the framework's own parsers and router refuse", () => {
  let server: FunctionServer;
  let send: ReturnType<typeof fetchTarget>["send"];
  beforeAll(async () => {
    http(
      "ordersRefused",
      gcpHttpHandler(async () => memoryOrderService().service.http, { logger: capturedLogger().logger }),
    );
    server = await serveFunction("ordersRefused");
    send = fetchTarget(server.url).send;
  });
  afterAll(() => server.close());

  it("answers malformed JSON with core's 400, not the framework's HTML page", async () => {
    const response = await send({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body: '{"customerId": ' });
    expectProblem(response, 400, "malformed-json");
    expect(response.body).not.toMatch(/<html|SyntaxError|node_modules/);
  });

  it("hands JSON that the framework's strict parser refuses (null, a string) to core's validation", async () => {
    for (const body of ["null", '"order"', "42"]) {
      const response = await send({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body });
      expectProblem(response, 400, "validation");
    }
  });

  it("reads a JSON body whatever charset parameter it names, as the other clouds do", async () => {
    const response = await send({ method: "POST", path: "/orders", headers: { "content-type": "application/json; charset=latin1" }, body: order() });
    expect(response.status, response.body).toBe(201);
  });

  it("answers a gzip body the framework cannot inflate as a body that is not JSON", async () => {
    const corrupt = await send({ method: "POST", path: "/orders", headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: order() });
    expectProblem(corrupt, 400, "malformed-json");
  });

  it("reads a body in an encoding the framework does not know as sent, as the other clouds do", async () => {
    const response = await send({
      method: "POST",
      path: "/orders",
      headers: { "content-type": "application/json", "content-encoding": "compress" },
      body: order(),
    });
    expect(response.status, response.body).toBe(201);
  });

  it("takes a gzip body the framework inflated as the JSON inside it", async () => {
    const response = await send({
      method: "POST",
      path: "/orders",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync(order()),
    });
    expect(response.status, response.body).toBe(201);
  });

  it("answers a path the framework's router cannot decode with core's 404, and keeps the body's checks in order", async () => {
    expectProblem(await send({ method: "GET", path: "/orders/%ZZ" }), 404, "not-found");
    expectProblem(await send({ method: "PATCH", path: "/orders/%E2%9C", headers: { "content-type": "application/json" }, body: "{" }), 404, "not-found");
    expectProblem(await send({ method: "PUT", path: "/orders?x=%ZZ", headers: { "content-type": "text/plain" }, body: "x" }), 405, "method-not-allowed");
  });

  it("gives core the body of a request without a content type, which no framework parser reads", async () => {
    expectProblem(await send({ method: "POST", path: "/orders", body: order() }), 415, "unsupported-media-type");
    const oversized = await send({ method: "POST", path: "/orders", headers: { "content-type": "application/octet-stream" }, body: "x".repeat(70_000) });
    expectProblem(oversized, 415, "unsupported-media-type");
  });

  it("answers a form body (which the framework parses itself) with 415", async () => {
    const fields = Array.from({ length: 1500 }, (_, i) => `f${i}=1`).join("&");
    const response = await send({ method: "POST", path: "/orders", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields });
    expectProblem(response, 415, "unsupported-media-type");
  });
});

describe("trace context", () => {
  let server: FunctionServer;
  const seen: (string | undefined)[] = [];
  beforeAll(async () => {
    http(
      "traceProbe",
      gcpHttpHandler(
        async () => async (_request, context) => {
          seen.push(context.traceparent);
          expect(context.cloud).toBe("gcp");
          return { status: 204, headers: {} };
        },
        { logger: capturedLogger().logger },
      ),
    );
    server = await serveFunction("traceProbe");
  });
  afterAll(() => server.close());

  const traceparentFor = async (headers: Record<string, string>) => {
    seen.length = 0;
    expect((await fetch(server.url, { headers })).status).toBe(204);
    return seen[0];
  };

  it("passes a W3C traceparent through", async () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    expect(await traceparentFor({ traceparent })).toBe(traceparent);
  });

  it("translates Google's X-Cloud-Trace-Context when there is no traceparent", async () => {
    expect(await traceparentFor({ "x-cloud-trace-context": "105445aa7843bc8bf206b12000100000/1;o=1" })).toBe(
      "00-105445aa7843bc8bf206b12000100000-0000000000000001-01",
    );
  });

  it("prefers traceparent and has none when neither header is usable", async () => {
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
    expect(await traceparentFor({ traceparent, "x-cloud-trace-context": "105445aa7843bc8bf206b12000100000/1;o=1" })).toBe(traceparent);
    expect(await traceparentFor({ traceparent: "garbage", "x-cloud-trace-context": "nonsense" })).toBeUndefined();
  });
});

describe("a service that cannot start", () => {
  it("answers core's problem+json for the failure (503 for an unreachable store), never the framework's page", async () => {
    const { logger, lines } = capturedLogger();
    http(
      "ordersNoStart",
      gcpHttpHandler(async () => Promise.reject(new StoreUnavailable(new Error("connect ECONNREFUSED 10.0.0.1:443"))), { logger }),
    );
    const server = await serveFunction("ordersNoStart");
    try {
      const response = await fetchTarget(server.url).send({ method: "GET", path: "/orders/ord_00000000000000000000000000" });
      expectProblem(response, 503, "unavailable");
      expect(response.headers["retry-after"]).toBeDefined();
      expect(response.body).not.toContain("ECONNREFUSED");
      expect(lines.some((line) => line.message === "service could not start")).toBe(true);
    } finally {
      await server.close();
    }
  });
});
