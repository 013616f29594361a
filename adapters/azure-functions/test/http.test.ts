import { HttpRequest } from "@azure/functions";
import { StoreUnavailable, type Context, type HttpHandler, type HttpRequest as NeutralRequest } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { azureHttpHandler, fromHttpRequest } from "../src/index.js";
import { azureHttpTarget, hostHttpRequest, hostInvocationContext, type InvocationLog } from "../src/testing/index.js";

/** A service that records what it was called with and answers with a fixed response. */
function recording() {
  const seen: { request: NeutralRequest; context: Context }[] = [];
  const functions = async (): Promise<HttpHandler> => async (request, context) => {
    seen.push({ request, context });
    return { status: 200, headers: { "content-type": "text/plain" }, body: "ok" };
  };
  return { seen, functions };
}

describe("HttpRequest -> neutral request", () => {
  it("keeps the percent-encoded path, every query value and the raw body bytes", async () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const request = hostHttpRequest({
      method: "POST",
      path: "/orders/..%2F..%2Fetc%2Fpasswd?customerId=c1&tag=a&tag=b",
      headers: { "Content-Type": "application/json", "X-Request-Id": "abc" },
      body: bytes,
    });
    const neutral = await fromHttpRequest(request);
    expect(neutral.method).toBe("POST");
    expect(neutral.path).toBe("/orders/..%2F..%2Fetc%2Fpasswd");
    expect(neutral.query.getAll("tag")).toEqual(["a", "b"]);
    expect(neutral.headers).toMatchObject({ "content-type": "application/json", "x-request-id": "abc", "content-length": "4" });
    expect([...neutral.body!]).toEqual([...bytes]);
  });

  it("joins a repeated header with a comma, as the neutral model says", async () => {
    const request = new HttpRequest({ method: "GET", url: "https://app.azurewebsites.net/health", headers: { "if-match": '"1"' } });
    request.headers.append("if-match", '"2"');
    expect((await fromHttpRequest(request)).headers["if-match"]).toBe('"1", "2"');
  });

  it("has no body for a GET or an empty POST", async () => {
    expect((await fromHttpRequest(hostHttpRequest({ method: "GET", path: "/health" }))).body).toBeUndefined();
    expect((await fromHttpRequest(hostHttpRequest({ method: "POST", path: "/orders", body: "" }))).body).toBeUndefined();
  });

  it("reads no more than one byte past 64 KiB, enough for core to answer 413", async () => {
    const huge = "x".repeat(1024 * 1024);
    const neutral = await fromHttpRequest(hostHttpRequest({ method: "POST", path: "/orders", body: huge }));
    expect(neutral.body!.byteLength).toBe(64 * 1024 + 1);
  });

  it("stops reading a streamed body one chunk past 64 KiB and cancels the rest, and joins the chunks it read", async () => {
    let pulled = 0;
    let cancelled = false;
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(10 * 1024).fill(0x30 + (pulled++ % 10)));
      },
      cancel() {
        cancelled = true;
      },
    });
    // As createStreamRequest builds it when the app sets enableHttpStream: the host's body as a stream, not bytes.
    const nativeRequest = new Request("https://app.azurewebsites.net/orders", { method: "POST", body: chunks, duplex: "half" } as RequestInit);
    const neutral = await fromHttpRequest(new HttpRequest({ nativeRequest } as unknown as ConstructorParameters<typeof HttpRequest>[0]));
    expect(neutral.body!.byteLength).toBe(64 * 1024 + 1);
    expect([neutral.body![0], neutral.body![10 * 1024], neutral.body![64 * 1024]]).toEqual([0x30, 0x31, 0x36]);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(9);
  });
});

describe("app.http handler", () => {
  it("answers with the neutral response's status, headers and body, unnegotiated", async () => {
    const { functions } = recording();
    const target = azureHttpTarget(azureHttpHandler(functions, { logLevel: "error" }));
    const response = await target.send({ method: "GET", path: "/health" });
    expect(response).toEqual({ status: 200, headers: { "content-type": "text/plain" }, body: "ok" });
  });

  it("hands core the invocation id and the host's traceparent", async () => {
    const { seen, functions } = recording();
    const invocation = hostInvocationContext({ functionName: "orders-http", triggerType: "httpTrigger" });
    await azureHttpHandler(functions, { logLevel: "error" })(hostHttpRequest({ method: "GET", path: "/health" }), invocation);
    expect(seen[0]!.context).toMatchObject({ requestId: invocation.invocationId, cloud: "azure", traceparent: invocation.traceContext!.traceParent });
  });

  it("answers 503 problem+json with x-request-id when the store cannot be reached at start, and logs why", async () => {
    const logs: InvocationLog[] = [];
    const failing = async (): Promise<HttpHandler> => {
      throw new StoreUnavailable(new Error("getaddrinfo ENOTFOUND skyport.documents.azure.com"));
    };
    const invocation = hostInvocationContext({ functionName: "orders-http", triggerType: "httpTrigger", logs });
    const init = await azureHttpHandler(failing, { logLevel: "info" })(hostHttpRequest({ method: "GET", path: "/orders/x" }), invocation);
    expect(init.status).toBe(503);
    expect(init.headers).toMatchObject({ "content-type": "application/problem+json", "x-request-id": invocation.invocationId, "retry-after": "1" });
    expect(JSON.parse(String(init.body))).toEqual({
      type: "https://skyport.dev/problems/unavailable",
      title: "Service unavailable",
      status: 503,
      detail: expect.any(String),
    });
    expect(String(init.body)).not.toMatch(/ENOTFOUND|azure\.com/);
    expect(logs).toEqual([{ level: "error", message: expect.stringContaining("ENOTFOUND") }]);
  });

  it("answers 500 without detail for any other start failure", async () => {
    const failing = async (): Promise<HttpHandler> => {
      throw new TypeError("cannot read properties of undefined (reading 'container')");
    };
    const init = await azureHttpHandler(failing, { logLevel: "error" })(
      hostHttpRequest({ method: "GET", path: "/health" }),
      hostInvocationContext({ functionName: "orders-http", triggerType: "httpTrigger" }),
    );
    expect(init.status).toBe(500);
    expect(String(init.body)).not.toMatch(/container|TypeError/);
  });
});
