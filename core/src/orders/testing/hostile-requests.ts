import fc from "fast-check";
import type { ContractRequest } from "../../testing/http-target.js";

/** A request built to be refused, or one that may succeed but must never change an order. */
export interface HostileCase {
  request: ContractRequest;
  /** True when the only right answer is a 4xx. */
  mustFail: boolean;
}

/** Customers the fuzzer writes for: none of its requests may ever create an order for them. */
export const FUZZ_CUSTOMERS = ["cus_fuzz_a", "cus_fuzz_b"];

const json = { "content-type": "application/json" };
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "../../etc/passwd",
    "..%2F..%2Fetc",
    "%00",
    "%ZZ",
    "a/b",
    "\u0000",
    "<script>",
    "' OR 1=1 --",
    "${jndi:ldap://x}",
    "__proto__",
    "constructor",
  ),
);
const hostileId = fc.oneof(
  hostileText.map(encodeURIComponent),
  fc.constantFrom("..", ".", "%2e%2e", "ord_..", `ord_${"Z".repeat(300)}`, "%E2%80%AE", "%ff%fe"),
);
const validItem = { sku: "SKU-1", quantity: 1, unitPrice: 100 };

function deepJson(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

/** Invalid order bodies: each breaks at least one rule of API.md. */
const invalidOrderBody = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from([0xff, ...bytes])), // invalid UTF-8
  fc
    .jsonValue()
    .map((v) => JSON.stringify(v))
    .filter((t) => !t.startsWith("{")),
  fc.nat({ max: 60 }).map((cut) => JSON.stringify({ customerId: FUZZ_CUSTOMERS[0], items: [validItem], currency: "EUR" }).slice(0, cut)), // truncated
  fc.integer({ min: 1000, max: 20_000 }).map(deepJson),
  fc.constantFrom(
    `{"__proto__":{"polluted":true},"customerId":"${FUZZ_CUSTOMERS[0]}","items":[{"sku":"A","quantity":1,"unitPrice":1}],"currency":"EUR"}`,
    `{"constructor":{"prototype":{"polluted":true}},"customerId":"${FUZZ_CUSTOMERS[0]}","items":[],"currency":"EUR"}`,
    `{"customerId":"${FUZZ_CUSTOMERS[0]}","items":[{"sku":"A","quantity":1,"unitPrice":1,"__proto__":{"polluted":true}}],"currency":"EUR"}`,
  ),
  fc
    .record(
      {
        customerId: fc.oneof(fc.constantFrom(...FUZZ_CUSTOMERS), fc.anything()),
        items: fc.oneof(
          fc.array(
            fc.record({
              sku: fc.oneof(fc.string(), fc.anything()),
              quantity: fc.oneof(fc.double(), fc.integer({ min: -5, max: 0 }), fc.integer({ min: 1001 }), fc.string()),
              unitPrice: fc.anything(),
            }),
            { maxLength: 3 },
          ),
          fc.array(fc.constant(validItem), { minLength: 101, maxLength: 110 }),
          fc.anything(),
        ),
        currency: fc.oneof(fc.string(), fc.anything()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body) ?? "null"),
);

const hostileHeaders = fc
  .record(
    {
      "idempotency-key": fc.oneof(fc.string({ maxLength: 300 }), fc.constant("k".repeat(256))),
      "if-match": fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('W/"1"', '"', '""', "*,*")),
      "x-request-id": fc.oneof(fc.string({ maxLength: 200 }), fc.constant("x".repeat(4000))),
      "x-filler": fc.constant("v".repeat(4000)),
    },
    { requiredKeys: [] },
  )
  .map((headers) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace(/[^\x20-\x7e]/g, "?")])));

/** Generated hostile requests: random and truncated bodies, bad encodings, odd ids and cursors. */
export function hostileRequests(existingOrderId: string): fc.Arbitrary<HostileCase> {
  return fc.oneof(
    fc.tuple(invalidOrderBody, hostileHeaders).map(([body, headers]) => ({
      request: { method: "POST", path: "/orders", headers: { ...headers, ...json }, body },
      mustFail: true,
    })),
    fc
      .tuple(fc.oneof(invalidOrderBody, fc.constantFrom('{"status":"pending"}', '{"status":"lost"}', '{"status":"confirmed","total":0}')), hostileHeaders)
      .map(([body, headers]) => ({
        request: { method: "PATCH", path: `/orders/${existingOrderId}`, headers: { ...headers, ...json }, body },
        mustFail: true,
      })),
    fc.tuple(fc.constantFrom("GET", "PATCH", "DELETE"), hostileId).map(([method, id]) => ({
      request: { method, path: `/orders/${id}`, headers: json, body: method === "PATCH" ? '{"status":"cancelled"}' : undefined },
      mustFail: true,
    })),
    fc
      .tuple(fc.oneof(fc.constantFrom(...FUZZ_CUSTOMERS), hostileText), fc.oneof(fc.string({ maxLength: 300 }), fc.base64String({ maxLength: 200 })))
      .map(([customerId, cursor]) => ({
        request: { method: "GET", path: `/orders?customerId=${encodeURIComponent(customerId)}&cursor=${encodeURIComponent(cursor)}` },
        mustFail: true,
      })),
    fc.tuple(fc.constantFrom("PUT", "PROPFIND", "POST", "PATCH"), fc.constantFrom("/orders", "/health", "/", "/orders/x/y")).map(([method, path]) => ({
      request: { method, path, headers: json, body: "{}" },
      mustFail: true,
    })),
    fc.tuple(fc.constantFrom("text/plain", "application/xml", "multipart/form-data", "application/jsonx", ""), invalidOrderBody).map(([type, body]) => ({
      request: { method: "POST", path: "/orders", headers: (type ? { "content-type": type } : {}) as Record<string, string>, body },
      mustFail: true,
    })),
  );
}
