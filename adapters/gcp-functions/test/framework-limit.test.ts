import { request } from "node:http";
import { http } from "@google-cloud/functions-framework";
import { afterAll, beforeAll, expect, it } from "vitest";
import { gcpHttpHandler } from "../src/index.js";
import { serveFunction, type FunctionServer } from "../src/testing/index.js";
import { capturedLogger, memoryOrderService } from "./order-service.js";

/** The framework's body parsers stop at 1 GiB and would answer with their own HTML 413. */
const FRAMEWORK_LIMIT = 1024 * 1024 * 1024;

let server: FunctionServer;
beforeAll(async () => {
  http(
    "ordersLimit",
    gcpHttpHandler(async () => memoryOrderService().service.http, { logger: capturedLogger().logger }),
  );
  server = await serveFunction("ordersLimit");
});
afterAll(() => server.close());

/** Streams the whole body in large writes (fetch would buffer it) and reads the response. */
function postHuge(size: number): Promise<{ status: number; contentType?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/orders`, { method: "POST", headers: { "content-type": "application/json", "content-length": size } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, contentType: res.headers["content-type"], body }));
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(16 * 1024 * 1024, 0x20);
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

it("answers a body over the framework's own limit with core's 413 problem+json", { timeout: 120_000 }, async () => {
  const { status, contentType, body } = await postHuge(FRAMEWORK_LIMIT + 1);
  expect(status).toBe(413);
  expect(contentType).toBe("application/problem+json");
  expect(body).not.toMatch(/<html|PayloadTooLargeError|node_modules/);
  expect(JSON.parse(body)).toMatchObject({ type: "https://skyport.dev/problems/payload-too-large", status: 413 });
});
