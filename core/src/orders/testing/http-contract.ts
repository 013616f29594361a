import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopedIdempotencyKey } from "../idempotency.js";
import type { Order } from "../order.js";
import { ORDER_ID_PATTERN } from "../ids.js";
import type { ContractRequest, ContractResponse } from "../../testing/http-target.js";
import type { OrderServiceTarget } from "./order-service-target.js";
import { type ApiOrder, type ApiOrderPage, ordersClient } from "./orders-client.js";
import { orderAt, uniqueCustomer } from "./orders.js";
import { expectProblemResponse as expectProblem } from "../../testing/problems.js";

const JSON_HEADERS = { "content-type": "application/json" };

function validBody(customerId = uniqueCustomer()) {
  return { customerId, items: [{ sku: "SKU-1", quantity: 2, unitPrice: 1999 }], currency: "EUR" };
}

/**
 * Every row and rule of API.md, through whatever transport the target speaks: the ordinary calls
 * through the typed client generated from /openapi.json, hostile ones as raw requests.
 */
export function httpContract(name: string, factory: () => Promise<OrderServiceTarget> | OrderServiceTarget) {
  describe(`http contract: ${name}`, () => {
    let target: OrderServiceTarget;
    beforeAll(async () => {
      target = await factory();
    });
    afterAll(async () => {
      await target?.close?.();
    });

    const send = async (request: ContractRequest): Promise<ContractResponse> => {
      const response = await target.send(request);
      expect(response.headers["x-request-id"], `${request.method} ${request.path} carries x-request-id`).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
      return response;
    };
    const api = ordersClient(send);
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      send({ method: "POST", path: "/orders", headers: { ...JSON_HEADERS, ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
    const create = async (body = validBody(), headers: Record<string, string> = {}): Promise<ApiOrder> => {
      const { data, error, response } = await api.POST("/orders", { body, headers });
      expect(response.status, JSON.stringify(error)).toBe(201);
      return data!;
    };
    /** One page of a customer's orders; `limit` and `cursor` as the API takes them. */
    const list = async (customerId: string, query: { limit?: number; cursor?: string } = {}): Promise<ApiOrderPage> => {
      const { data, error, response } = await api.GET("/orders", { params: { query: { customerId, ...query } } });
      expect(response.status, JSON.stringify(error)).toBe(200);
      return data!;
    };
    const patch = (id: string, status: string, headers: Record<string, string> = {}) =>
      send({ method: "PATCH", path: `/orders/${id}`, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify({ status }) });
    const get = (path: string, headers: Record<string, string> = {}) => send({ method: "GET", path, headers });
    const read = async (id: string): Promise<ApiOrder> => {
      const { data, error, response } = await api.GET("/orders/{id}", { params: { path: { id } } });
      expect(response.status, JSON.stringify(error)).toBe(200);
      return data!;
    };
    /** The order once the target's queue consumer (if any) is done with it: pending, or confirmed at version 2. */
    const settled = async (order: ApiOrder) => {
      await target.settle?.();
      return read(order.id);
    };

    /** A pending order: seeded in the target's store where it has one (no event, so no consumer confirms it), else created. */
    const pendingOrder = async (): Promise<Order> => {
      if (!target.orders) return create();
      const order = orderAt(new Date(), { customerId: uniqueCustomer() });
      await target.orders.create(order);
      return order;
    };

    function expectInvalid(response: ContractResponse, path: string) {
      const problem = expectProblem(response, 400, "validation");
      expect(problem.errors?.map((e) => e.path)).toContain(path);
      expect(
        problem.errors!.every((e) => typeof e.message === "string" && e.message.trim() !== ""),
        "every error says what is wrong",
      ).toBe(true);
    }

    describe("health and request ids", () => {
      it("GET /health answers ok without touching a store", async () => {
        const response = await get("/health");
        expect(response.status).toBe(200);
        expect(JSON.parse(response.body)).toEqual({ status: "ok" });
      });

      it("echoes a well-formed x-request-id and replaces a malformed one", async () => {
        expect((await get("/health", { "x-request-id": "abc.DEF_123-x" })).headers["x-request-id"]).toBe("abc.DEF_123-x");
        const replaced = await get("/health", { "x-request-id": "no spaces/allowed" });
        expect(replaced.headers["x-request-id"]).not.toBe("no spaces/allowed");
      });

      it("keeps an x-request-id of 128 characters and replaces one of 129, or an empty one", async () => {
        const longest = `${"a".repeat(127)}Z`;
        expect((await get("/health", { "x-request-id": longest })).headers["x-request-id"]).toBe(longest);
        expect((await get("/health", { "x-request-id": `${longest}b` })).headers["x-request-id"]).not.toBe(`${longest}b`);
        // send() has already checked that the answer carries a well-formed id of its own.
        await get("/health", { "x-request-id": "" });
      });
    });

    describe("POST /orders", () => {
      it("creates the order with a server-computed total, Location and ETag", async () => {
        const body = {
          customerId: uniqueCustomer(),
          items: [
            { sku: "SKU-1", quantity: 2, unitPrice: 1999 },
            { sku: "sku_2.b-3", quantity: 1000, unitPrice: 100_000_000 },
            { sku: "FREE", quantity: 1, unitPrice: 0 },
          ],
          currency: "EUR",
        };
        const response = await post(body);
        expect(response.status, response.body).toBe(201);
        expect(response.headers["content-type"]).toMatch(/^application\/json/);
        const order = JSON.parse(response.body) as Order;
        expect(order).toEqual({
          id: expect.stringMatching(ORDER_ID_PATTERN),
          ...body,
          total: 3998 + 100_000_000_000,
          status: "pending",
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          updatedAt: order.createdAt,
          version: 1,
        });
        expect(response.headers.location).toBe(`/orders/${order.id}`);
        expect(response.headers.etag).toBe('"1"');
      });

      it("accepts each field at its largest: a customerId and a sku of 64 characters, 100 items, any three upper-case letters", async () => {
        const body = {
          customerId: uniqueCustomer().padEnd(64, "x"),
          items: Array.from({ length: 100 }, (_, i) => ({ sku: `${i}`.padEnd(64, "s"), quantity: 1, unitPrice: 1 })),
          currency: "XTS",
        };
        const response = await post(body);
        expect(response.status, response.body).toBe(201);
        expect(JSON.parse(response.body)).toMatchObject({ ...body, total: 100 });
      });

      it("reads integers written with a zero fraction, such as 2.0", async () => {
        const body = `{"customerId":"${uniqueCustomer()}","items":[{"sku":"A","quantity":2.0,"unitPrice":150.0}],"currency":"USD"}`;
        const response = await post(body);
        expect(response.status, response.body).toBe(201);
        expect(JSON.parse(response.body)).toMatchObject({ items: [{ quantity: 2, unitPrice: 150 }], total: 300 });
      });

      it("accepts a body of exactly 64 KiB", async () => {
        const json = JSON.stringify(validBody());
        const response = await post(json + " ".repeat(64 * 1024 - Buffer.byteLength(json)));
        expect(response.status, response.body).toBe(201);
      });

      const invalidBodies: [string, (b: ReturnType<typeof validBody>) => unknown, string][] = [
        ["an unknown field", (b) => ({ ...b, discount: 5 }), "/discount"],
        ["an unknown item field", (b) => ({ ...b, items: [{ ...b.items[0], note: "x" }] }), "/items/0/note"],
        ["a float price", (b) => ({ ...b, items: [{ sku: "A", quantity: 1, unitPrice: 19.99 }] }), "/items/0/unitPrice"],
        ["a negative price", (b) => ({ ...b, items: [{ sku: "A", quantity: 1, unitPrice: -1 }] }), "/items/0/unitPrice"],
        ["a price over 100000000", (b) => ({ ...b, items: [{ sku: "A", quantity: 1, unitPrice: 100_000_001 }] }), "/items/0/unitPrice"],
        ["a price given as a string", (b) => ({ ...b, items: [{ sku: "A", quantity: 1, unitPrice: "1999" }] }), "/items/0/unitPrice"],
        ["quantity 0", (b) => ({ ...b, items: [{ sku: "A", quantity: 0, unitPrice: 1 }] }), "/items/0/quantity"],
        ["quantity 1001", (b) => ({ ...b, items: [{ sku: "A", quantity: 1001, unitPrice: 1 }] }), "/items/0/quantity"],
        ["quantity 2.5", (b) => ({ ...b, items: [{ sku: "A", quantity: 2.5, unitPrice: 1 }] }), "/items/0/quantity"],
        ["101 items", (b) => ({ ...b, items: Array.from({ length: 101 }, () => b.items[0]) }), "/items"],
        ["no items", (b) => ({ ...b, items: [] }), "/items"],
        ["items that are not an array", (b) => ({ ...b, items: "SKU-1" }), "/items"],
        ["an item that is not an object", (b) => ({ ...b, items: [null] }), "/items/0"],
        ["a bad sku", (b) => ({ ...b, items: [{ sku: "no spaces", quantity: 1, unitPrice: 1 }] }), "/items/0/sku"],
        ["a sku of 65 characters", (b) => ({ ...b, items: [{ sku: "s".repeat(65), quantity: 1, unitPrice: 1 }] }), "/items/0/sku"],
        ["a lower-case currency", (b) => ({ ...b, currency: "eur" }), "/currency"],
        ["a four-letter currency", (b) => ({ ...b, currency: "EURO" }), "/currency"],
        ["a missing currency", ({ currency: _, ...b }) => b, "/currency"],
        ["a bad customerId", (b) => ({ ...b, customerId: "cus 42" }), "/customerId"],
        ["a customerId of 65 characters", (b) => ({ ...b, customerId: "c".repeat(65) }), "/customerId"],
        ["a missing customerId", ({ customerId: _, ...b }) => b, "/customerId"],
        ["an array instead of an object", (b) => [b], ""],
        ["a __proto__ key", (b) => JSON.parse(`{"__proto__":{"admin":true},${JSON.stringify(b).slice(1)}`), "/__proto__"],
      ];
      for (const [what, change, path] of invalidBodies) {
        it(`refuses ${what} with 400 at ${path || "the root"}`, async () => {
          expectInvalid(await post(change(validBody())), path);
        });
      }

      it("lists every broken rule at once", async () => {
        const problem = expectProblem(await post({ customerId: "", items: [{ sku: "", quantity: 0, unitPrice: -1 }], currency: "x" }), 400);
        expect(problem.errors!.map((e) => e.path).sort()).toEqual(["/currency", "/customerId", "/items/0/quantity", "/items/0/sku", "/items/0/unitPrice"]);
      });

      it("refuses malformed JSON with 400", async () => {
        expectProblem(await post('{"customerId": "c1", "items": ['), 400, "malformed-json");
        expectProblem(await post(""), 400, "malformed-json");
      });

      it("refuses a body that is not UTF-8 with 400", async () => {
        const response = await send({ method: "POST", path: "/orders", headers: JSON_HEADERS, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
        expectProblem(response, 400, "malformed-json");
      });

      it("refuses a body that is not JSON with 415", async () => {
        const text = await send({ method: "POST", path: "/orders", headers: { "content-type": "text/plain" }, body: JSON.stringify(validBody()) });
        expectProblem(text, 415, "unsupported-media-type");
        const none = await send({ method: "POST", path: "/orders", body: JSON.stringify(validBody()) });
        expectProblem(none, 415, "unsupported-media-type");
      });

      it("accepts application/json with a charset", async () => {
        expect((await post(validBody(), { "content-type": "application/json; charset=utf-8" })).status).toBe(201);
      });

      it("refuses a body of 64 KiB + 1 with 413", async () => {
        const json = JSON.stringify(validBody());
        expectProblem(await post(json + " ".repeat(64 * 1024 + 1 - Buffer.byteLength(json))), 413, "payload-too-large");
      });
    });

    describe("GET /orders/{id}", () => {
      it("reads the order with its ETag", async () => {
        const order = await create();
        const response = await get(`/orders/${order.id}`);
        expect(response.status).toBe(200);
        const read = JSON.parse(response.body) as Order;
        // The queue consumer may have confirmed it meanwhile; nothing else changes.
        const { status, version, updatedAt, ...rest } = read;
        expect(rest).toEqual((({ status: _s, version: _v, updatedAt: _u, ...r }) => r)(order));
        expect([`pending/1`, `confirmed/2`]).toContain(`${status}/${version}`);
        expect(response.headers.etag).toBe(`"${version}"`);
      });

      it("answers 404 for an order that does not exist, and for ids that cannot exist", async () => {
        expectProblem(await get("/orders/ord_00000000000000000000000000"), 404, "not-found");
        expectProblem(await get("/orders/..%2F..%2Fetc%2Fpasswd"), 404);
        expectProblem(await get("/orders/%E2%9C%93"), 404);
      });
    });

    describe("GET /orders", () => {
      it("pages a customer's orders newest first and ends with nextCursor null", async () => {
        const customerId = uniqueCustomer();
        const created: ApiOrder[] = [];
        for (let i = 0; i < 5; i++) created.push(await create(validBody(customerId)));
        await create(); // someone else's
        const seen: ApiOrder[] = [];
        const sizes: number[] = [];
        let cursor: string | null = null;
        do {
          const page = await list(customerId, { limit: 2, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items);
          sizes.push(page.items.length);
          cursor = page.nextCursor;
        } while (cursor !== null && sizes.length < 10);
        expect(sizes).toEqual([2, 2, 1]);
        expect(seen.map((o) => o.id)).toEqual(created.map((o) => o.id).reverse());
      });

      it("gives nextCursor null on a last page that is exactly full", async () => {
        const customerId = uniqueCustomer();
        for (let i = 0; i < 2; i++) await create(validBody(customerId));
        const page = await list(customerId, { limit: 2 });
        expect(page.items).toHaveLength(2);
        expect(page.nextCursor).toBeNull();
      });

      it("returns 20 orders by default", async () => {
        const customerId = uniqueCustomer();
        for (let i = 0; i < 21; i++) await create(validBody(customerId));
        const page = await list(customerId);
        expect(page.items).toHaveLength(20);
        expect(page.nextCursor).toEqual(expect.any(String));
      });

      it("accepts limit=100, the largest page", async () => {
        expect(await list(uniqueCustomer(), { limit: 100 })).toEqual({ items: [], nextCursor: null });
      });

      it("answers an empty list for a customer without orders", async () => {
        expect(await list(uniqueCustomer())).toEqual({ items: [], nextCursor: null });
      });

      it("requires a valid customerId and limit", async () => {
        expectInvalid(await get("/orders"), "customerId");
        expectInvalid(await get("/orders?customerId=a%20b"), "customerId");
        for (const limit of ["0", "101", "abc", "2.5", "-1"]) expectInvalid(await get(`/orders?customerId=c1&limit=${limit}`), "limit");
      });

      it("refuses a garbled or forged cursor, and one from another customer's list", async () => {
        const [alice, bob] = [uniqueCustomer("alice"), uniqueCustomer("bob")];
        for (let i = 0; i < 2; i++) {
          await create(validBody(alice));
          await create(validBody(bob));
        }
        const aliceCursor = (await list(alice, { limit: 1 })).nextCursor!;
        expectInvalid(await get(`/orders?customerId=${bob}&cursor=${encodeURIComponent(aliceCursor)}`), "cursor");
        const [payload, seal] = aliceCursor.split(".");
        const forged = Buffer.from(JSON.stringify({ c: bob, p: "x" })).toString("base64url");
        for (const cursor of ["garbage", `${payload}.AAAA${seal!.slice(4)}`, `${forged}.${seal}`, `${payload}x.${seal}`]) {
          expectInvalid(await get(`/orders?customerId=${bob}&cursor=${encodeURIComponent(cursor)}`), "cursor");
        }
      });
    });

    describe("PATCH /orders/{id}", () => {
      it("moves an order along pending -> confirmed -> shipped, one version at a time", async () => {
        const order = await settled(await create());
        // Where no queue confirms orders the client does; every check below then runs on every target.
        if (order.status === "pending") {
          const confirmed = await patch(order.id, "confirmed", { "if-match": '"1"' });
          expect(confirmed.status, confirmed.body).toBe(200);
          expect(JSON.parse(confirmed.body)).toMatchObject({ id: order.id, status: "confirmed", version: 2 });
        }
        const current = await get(`/orders/${order.id}`);
        expect(JSON.parse(current.body)).toMatchObject({ status: "confirmed", version: 2 });
        expect(current.headers.etag).toBe('"2"');
        expectProblem(await patch(order.id, "shipped", { "if-match": '"1"' }), 412);
        expectProblem(await patch(order.id, "pending"), 409);
        expectProblem(await patch(order.id, "confirmed"), 409);
        const shipped = await patch(order.id, "shipped", { "if-match": '"2"' });
        expect(JSON.parse(shipped.body)).toMatchObject({ status: "shipped", version: 3 });
        expect(shipped.headers.etag).toBe('"3"');
        expectProblem(await patch(order.id, "cancelled"), 409);
        expect(await read(order.id)).toMatchObject({ status: "shipped", version: 3 });
      });

      it("refuses to ship a pending order with 409 and leaves it as it was", async () => {
        for (let attempt = 1; ; attempt++) {
          const order = await pendingOrder();
          const answer = await patch(order.id, "shipped");
          if (answer.status === 409) {
            expectProblem(answer, 409, "conflict");
            expect(["pending/1", "confirmed/2"]).toContain(((o) => `${o.status}/${o.version}`)(await read(order.id)));
            return;
          }
          // Only an order a queue consumer confirmed first may ship, and then at version 3.
          expect(JSON.parse(answer.body), answer.body).toMatchObject({ status: "shipped", version: 3 });
          // A consumer that always wins (an in-process queue) needs OrderServiceTarget.orders to seed one instead.
          expect(attempt, "no order was still pending when its PATCH arrived: give the target its order store (OrderServiceTarget.orders)").toBeLessThan(5);
        }
      });

      it("makes cancelled final", async () => {
        const order = await create();
        const cancelled = await patch(order.id, "cancelled");
        expect(cancelled.status, cancelled.body).toBe(200);
        const { version } = JSON.parse(cancelled.body) as Order;
        for (const status of ["pending", "confirmed", "shipped", "cancelled"]) expectProblem(await patch(order.id, status), 409, "conflict");
        expect(await read(order.id)).toMatchObject({ status: "cancelled", version });
      });

      it("honours If-Match: stale or weak tags get 412, * and the current tag pass", async () => {
        const { id, version: v } = await settled(await create());
        expectProblem(await patch(id, "cancelled", { "if-match": `"${v + 5}"` }), 412, "precondition-failed");
        expectProblem(await patch(id, "cancelled", { "if-match": `W/"${v}"` }), 412);
        expectInvalid(await patch(id, "cancelled", { "if-match": `${v}` }), "If-Match");
        const cancelled = await patch(id, "cancelled", { "if-match": `"0", "${v}"` });
        expect(cancelled.status).toBe(200);
        expect(JSON.parse(cancelled.body)).toMatchObject({ status: "cancelled", version: v + 1 });
        // 412 is checked before 409; `*` passes for any existing order and leaves the 409.
        expectProblem(await patch(id, "shipped", { "if-match": `"${v}"` }), 412);
        expectProblem(await patch(id, "shipped", { "if-match": "*" }), 409);
      });

      it("checks 404 before 412, and If-Match: * does not make a missing order exist", async () => {
        const missing = "ord_00000000000000000000000000";
        expectProblem(await patch(missing, "confirmed", { "if-match": '"9"' }), 404);
        expectProblem(await patch(missing, "cancelled", { "if-match": "*" }), 404);
        expectProblem(await send({ method: "DELETE", path: `/orders/${missing}`, headers: { "if-match": "*" } }), 404);
      });

      it("checks the body (400) before looking the order up (404)", async () => {
        const missing = "ord_00000000000000000000000000";
        expectInvalid(await patch(missing, "lost"), "/status");
        expectInvalid(await patch(missing, "cancelled", { "if-match": "9" }), "If-Match");
      });

      it("refuses an unknown status, unknown fields and non-JSON bodies", async () => {
        const order = await create();
        expectInvalid(await patch(order.id, "lost"), "/status");
        const extra = await send({ method: "PATCH", path: `/orders/${order.id}`, headers: JSON_HEADERS, body: '{"status":"confirmed","total":0}' });
        expectInvalid(extra, "/total");
        const text = await send({ method: "PATCH", path: `/orders/${order.id}`, headers: { "content-type": "text/plain" }, body: "confirmed" });
        expectProblem(text, 415);
      });
    });

    describe("DELETE /orders/{id}", () => {
      it("deletes only cancelled orders", async () => {
        const order = await create();
        expectProblem(await send({ method: "DELETE", path: `/orders/${order.id}` }), 409, "conflict");
        const { version } = JSON.parse((await patch(order.id, "cancelled")).body) as Order;
        expectProblem(await send({ method: "DELETE", path: `/orders/${order.id}`, headers: { "if-match": `"${version - 1}"` } }), 412);
        const deleted = await send({ method: "DELETE", path: `/orders/${order.id}`, headers: { "if-match": `"${version}"` } });
        expect(deleted.status).toBe(204);
        expect(deleted.body).toBe("");
        expectProblem(await get(`/orders/${order.id}`), 404);
        expectProblem(await send({ method: "DELETE", path: `/orders/${order.id}` }), 404);
      });

      it("checks a stale If-Match (412) before the delete rule (409)", async () => {
        const { id, version } = await settled(await create());
        expectProblem(await send({ method: "DELETE", path: `/orders/${id}`, headers: { "if-match": `"${version + 1}"` } }), 412);
        expectProblem(await send({ method: "DELETE", path: `/orders/${id}`, headers: { "if-match": `"${version}"` } }), 409);
        expect(await read(id)).toMatchObject({ version });
      });

      it("deletes a cancelled order with If-Match: *", async () => {
        const order = await create();
        expect((await patch(order.id, "cancelled")).status).toBe(200);
        const deleted = await send({ method: "DELETE", path: `/orders/${order.id}`, headers: { "if-match": "*" } });
        expect(deleted.status, deleted.body).toBe(204);
        expectProblem(await get(`/orders/${order.id}`), 404);
      });
    });

    describe("routes and methods", () => {
      it("answers 404 for unknown routes", async () => {
        for (const path of ["/nope", "/orders/", "/orders/a/b", "/Orders", "/"]) expectProblem(await get(path), 404);
      });

      it("answers 405 with Allow for a known route and an unknown method", async () => {
        const collection = await send({ method: "PUT", path: "/orders", headers: JSON_HEADERS, body: "{}" });
        expectProblem(collection, 405, "method-not-allowed");
        expect(collection.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
        const item = await send({ method: "POST", path: "/orders/ord_00000000000000000000000000", headers: JSON_HEADERS, body: "{}" });
        expectProblem(item, 405);
        expect(item.headers.allow).toBe("GET, HEAD, PATCH, DELETE, OPTIONS");
        const health = await send({ method: "DELETE", path: "/health" });
        expectProblem(health, 405);
        expect(health.headers.allow).toBe("GET, HEAD, OPTIONS");
      });

      it("answers HEAD wherever GET is: the same status and headers, no body (RFC 9110)", async () => {
        const order = await create();
        await target.settle?.(); // a queue consumer may confirm it: let it, so GET and HEAD see one version
        for (const path of ["/health", `/orders/${order.id}`, `/orders?customerId=${order.customerId}`, "/orders/ord_00000000000000000000000000"]) {
          const [get, head] = [await send({ method: "GET", path }), await send({ method: "HEAD", path })];
          expect(head.status, path).toBe(get.status);
          expect(head.body, path).toBe("");
          expect(head.headers["content-type"], path).toBe(get.headers["content-type"]);
          expect(head.headers.etag, path).toBe(get.headers.etag);
        }
      });

      it("answers OPTIONS with 204 and Allow, on every route, without a token", async () => {
        const options = await send({ method: "OPTIONS", path: "/orders" });
        expect(options.status).toBe(204);
        expect(options.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
        expect(options.headers["access-control-allow-origin"]).toBeUndefined();
        expect((await send({ method: "OPTIONS", path: "/nope" })).status).toBe(404);
      });

      it("checks in API.md's order: route, method, content type, size, body", async () => {
        expectProblem(await send({ method: "POST", path: "/nope", headers: { "content-type": "text/plain" } }), 404);
        expectProblem(await send({ method: "PUT", path: "/orders", headers: { "content-type": "text/plain" }, body: "x" }), 405);
        const huge = "x".repeat(64 * 1024 + 1);
        expectProblem(await send({ method: "POST", path: "/orders", headers: { "content-type": "text/plain" }, body: huge }), 415);
        expectProblem(await post(huge), 413);
      });
    });

    describe("contention", () => {
      it("lets exactly one of 50 concurrent PATCHes with the same If-Match win; the rest get 412", async () => {
        const { id, version } = await settled(await create());
        const answers = await Promise.all(Array.from({ length: 50 }, () => patch(id, "cancelled", { "if-match": `"${version}"` })));
        const statuses = answers.map((a) => a.status);
        expect(statuses.filter((s) => s === 200)).toHaveLength(1);
        expect(statuses.filter((s) => s === 412)).toHaveLength(49);
        expect(await read(id)).toMatchObject({ status: "cancelled", version: version + 1 });
      });

      it("creates exactly one order for 20 concurrent POSTs with the same Idempotency-Key", async () => {
        const body = validBody();
        const k = `race-${uniqueCustomer()}`;
        const answers = await Promise.all(Array.from({ length: 20 }, () => post(body, { "idempotency-key": k })));
        const created = answers.filter((a) => a.status === 201);
        expect(created.length).toBeGreaterThanOrEqual(1);
        for (const a of answers) expect([201, 409], a.body).toContain(a.status);
        expect(new Set(created.map((a) => JSON.parse(a.body).id)).size).toBe(1);
        expect((await list(body.customerId)).items).toHaveLength(1);
      });

      it("lists every one of 25 orders created concurrently for one customer, exactly once", async () => {
        const customerId = uniqueCustomer();
        const created = await Promise.all(Array.from({ length: 25 }, () => create(validBody(customerId))));
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await list(customerId, { limit: 7, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((o) => o.id));
          cursor = page.nextCursor;
        } while (cursor !== null && seen.length <= 50);
        expect(seen).toHaveLength(25);
        expect(new Set(seen)).toEqual(new Set(created.map((o) => o.id)));
      });
    });

    describe("idempotency", () => {
      const key = () => `key-${uniqueCustomer()}`;

      it("replays the first response for the same key and the same JSON value, creating nothing", async () => {
        const k = key();
        const body = validBody();
        const first = await post(body, { "idempotency-key": k });
        expect(first.status).toBe(201);
        const reordered = `{ "currency": "EUR", "items": [{"unitPrice":1999,"quantity":2,"sku":"SKU-1"}], "customerId": "${body.customerId}" }`;
        const again = await post(reordered, { "idempotency-key": k });
        expect(again.status).toBe(201);
        expect(again.body).toBe(first.body);
        expect(again.headers["idempotent-replayed"]).toBe("true");
        expect(again.headers.location).toBe(first.headers.location);
        expect(again.headers.etag).toBe(first.headers.etag);
        expect((await list(body.customerId)).items).toHaveLength(1);
      });

      it("replays the first response even after the order changed", async () => {
        const k = key();
        const first = await post(validBody(), { "idempotency-key": k });
        const order = JSON.parse(first.body) as Order;
        expect((await patch(order.id, "cancelled")).status).toBe(200);
        const again = await post(validBody(order.customerId), { "idempotency-key": k });
        expect(JSON.parse(again.body)).toMatchObject({ id: order.id, status: "pending", version: 1 });
      });

      it("answers 422 for the same key with a different body", async () => {
        const k = key();
        await create(validBody(), { "idempotency-key": k });
        expectProblem(await post(validBody(), { "idempotency-key": k }), 422, "idempotency-mismatch");
      });

      // A failure after the key was claimed is failureContract's and storeContract's part: it needs a store that fails.
      it("leaves the key unused by a request refused before the claim", async () => {
        const k = key();
        const body = validBody();
        expectInvalid(await post({ ...body, currency: "x" }, { "idempotency-key": k }), "/currency");
        expect((await post(body, { "idempotency-key": k })).status).toBe(201);
      });

      it("refuses an invalid key with 400: empty, too long, a space, a control character, outside ASCII", async () => {
        for (const bad of ["", "has space", "k".repeat(256), "caf\u00e9", "tab\there"]) {
          expectInvalid(await post(validBody(), { "idempotency-key": bad }), "Idempotency-Key");
        }
        expect((await post(validBody(), { "idempotency-key": key().padEnd(255, "k") })).status).toBe(201);
      });

      it("refuses a key with a C0 control character or DEL with 400", async () => {
        for (const bad of ["nul\u0001l", "del\u007f"]) {
          const response = await target.send({
            method: "POST",
            path: "/orders",
            headers: { ...JSON_HEADERS, "idempotency-key": bad },
            body: JSON.stringify(validBody()),
          });
          expect(response.status, `${JSON.stringify(bad)}: ${response.body}`).toBe(400);
          // Over HTTP/1.1 the server's own parser may refuse such a header before any function runs.
          if (/problem\+json/.test(response.headers["content-type"] ?? "")) expectInvalid(response, "Idempotency-Key");
        }
      });

      it("answers 409 while the first request with the key is still running", async () => {
        const k = key();
        const body = validBody();
        if (target.idempotency) {
          const now = new Date();
          await target.idempotency.begin(scopedIdempotencyKey(k, target.principal), "in-flight", new Date(now.getTime() + 60_000), now);
          expectProblem(await post(body, { "idempotency-key": k }), 409, "idempotency-in-flight");
          expectProblem(await post(validBody(), { "idempotency-key": k }), 409, "idempotency-in-flight");
        } else {
          // No store to hold a key in: requests race until one arrives while the first still holds its key.
          let inFlight = 0;
          for (let round = 0; round < 10 && inFlight === 0; round++) {
            const raced = { key: key(), body: validBody() };
            const answers = await Promise.all(Array.from({ length: 8 }, () => post(raced.body, { "idempotency-key": raced.key })));
            for (const a of answers) expect([201, 409], a.body).toContain(a.status);
            const created = answers.filter((a) => a.status === 201);
            expect(new Set(created.map((a) => JSON.parse(a.body).id)).size).toBe(1);
            expect(created.filter((a) => a.headers["idempotent-replayed"] === undefined)).toHaveLength(1);
            for (const a of answers.filter((a) => a.status === 409)) expectProblem(a, 409, "idempotency-in-flight");
            inFlight += answers.length - created.length;
          }
          expect(inFlight, "a request that came while the first held its key").toBeGreaterThan(0);
        }
      });
    });
  });
}
