import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpContract } from "./http-contract.js";
import type { ContractRequest, ContractResponse, HttpTarget } from "../../testing/http-target.js";
import type { OrderServiceTarget } from "./order-service-target.js";
import { startTestIssuer, type TestIssuer } from "../../testing/oidc-issuer.js";
import { expectProblemResponse } from "../../testing/problems.js";
import { uniqueCustomer } from "./orders.js";

/** The target verifies tokens of `issuer` (issuer and audience), with `sub` as the customer claim. */
export type AuthTargetFactory = (issuer: Pick<TestIssuer, "issuer" | "audience">) => Promise<OrderServiceTarget> | OrderServiceTarget;

const orderBody = (customerId: string) => JSON.stringify({ customerId, items: [{ sku: "SKU-1", quantity: 1, unitPrice: 100 }], currency: "EUR" });
const JSON_TYPE = { "content-type": "application/json" };
const ADMIN = { sub: "ops", scope: "orders:admin" };

/**
 * Identity and access (docs/API.md): every /orders request needs a bearer token of the issuer;
 * a customer reaches only its own orders and may only cancel; `orders:admin` reaches all, and
 * the whole HTTP contract holds for an admin caller.
 */
export function authContract(name: string, factory: AuthTargetFactory) {
  describe(`identity and access: ${name}`, () => {
    let issuer: TestIssuer;
    let target: OrderServiceTarget;
    beforeAll(async () => {
      issuer = await startTestIssuer();
      target = await factory(issuer);
    });
    afterAll(async () => {
      await target?.close?.();
      await issuer?.close();
    });

    const as = async (token: string | undefined, request: ContractRequest): Promise<ContractResponse> =>
      target.send({ ...request, headers: { ...request.headers, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) } });
    const customer = async () => {
      const id = uniqueCustomer();
      return { id, token: await issuer.mint({ sub: id }) };
    };
    const create = async (token: string, customerId: string) => {
      const response = await as(token, { method: "POST", path: "/orders", headers: JSON_TYPE, body: orderBody(customerId) });
      expect(response.status, response.body).toBe(201);
      return JSON.parse(response.body) as { id: string; version: number; status: string };
    };

    it("asks for a bearer token on every /orders route: 401 problem+json with WWW-Authenticate: Bearer", async () => {
      for (const request of [
        { method: "GET", path: "/orders?customerId=cus_1" },
        { method: "POST", path: "/orders", headers: JSON_TYPE, body: orderBody("cus_1") },
        { method: "GET", path: "/orders/ord_01JD0000000000000000000000" },
        { method: "PATCH", path: "/orders/ord_01JD0000000000000000000000", headers: JSON_TYPE, body: '{"status":"cancelled"}' },
        { method: "DELETE", path: "/orders/ord_01JD0000000000000000000000" },
      ]) {
        const response = await as(undefined, request);
        expectProblemResponse(response, 401);
        expect(response.headers["www-authenticate"], request.method).toBe("Bearer");
      }
    });

    it("keeps /health open", async () => {
      expect((await as(undefined, { method: "GET", path: "/health" })).status).toBe(200);
    });

    it("serves GET /openapi.json without a token: the OpenAPI 3.1 document of the routes it answers", async () => {
      const response = await as(undefined, { method: "GET", path: "/openapi.json" });
      expect(response.status, response.body).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      const document = JSON.parse(response.body) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(document.openapi).toBe("3.1.0");
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/health", "/openapi.json", "/orders", "/orders/{id}"]));
      expect(document.paths["/orders/{id}"]).toHaveProperty("patch");
    });

    it("refuses every forged or misused token with 401 and error=invalid_token", async () => {
      for (const [what, token] of Object.entries(await issuer.misused())) {
        const response = await as(token, { method: "GET", path: "/orders?customerId=cus_misused" });
        expect(response.status, what).toBe(401);
        expect(response.headers["www-authenticate"], what).toBe('Bearer error="invalid_token"');
        expect(response.body, what).not.toMatch(/JWS|JWT|ERR_|signature/i);
      }
    });

    it("takes a token within 60 s of its expiry (clock skew)", async () => {
      const { id } = await customer();
      const late = await issuer.mint({ sub: id }, { expiresIn: -30 });
      expect((await as(late, { method: "GET", path: `/orders?customerId=${id}` })).status).toBe(200);
    });

    it("lets a customer create, read, list, cancel and delete its own orders", async () => {
      const { id, token } = await customer();
      const order = await create(token, id);
      expect((await as(token, { method: "GET", path: `/orders/${order.id}` })).status).toBe(200);
      const list = await as(token, { method: "GET", path: `/orders?customerId=${id}` });
      expect(JSON.parse(list.body).items.map((o: { id: string }) => o.id)).toContain(order.id);
      const cancelled = await as(token, { method: "PATCH", path: `/orders/${order.id}`, headers: JSON_TYPE, body: '{"status":"cancelled"}' });
      expect(cancelled.status, cancelled.body).toBe(200);
      expect((await as(token, { method: "DELETE", path: `/orders/${order.id}` })).status).toBe(204);
    });

    it("refuses a customer another customer's orders: 403 to create or list them, 404 for each of them", async () => {
      const alice = await customer();
      const bob = await customer();
      const hers = await create(alice.token, alice.id);
      expectProblemResponse(await as(bob.token, { method: "POST", path: "/orders", headers: JSON_TYPE, body: orderBody(alice.id) }), 403);
      expectProblemResponse(await as(bob.token, { method: "GET", path: `/orders?customerId=${alice.id}` }), 403);
      expectProblemResponse(await as(bob.token, { method: "GET", path: `/orders/${hers.id}` }), 404);
      expectProblemResponse(await as(bob.token, { method: "PATCH", path: `/orders/${hers.id}`, headers: JSON_TYPE, body: '{"status":"cancelled"}' }), 404);
      expectProblemResponse(await as(bob.token, { method: "DELETE", path: `/orders/${hers.id}` }), 404);
      // Nothing Bob tried touched it (a queue consumer may have confirmed it meanwhile).
      expect(JSON.parse((await as(alice.token, { method: "GET", path: `/orders/${hers.id}` })).body).status).toMatch(/^(pending|confirmed)$/);
    });

    it("lets a customer only cancel: confirming or shipping needs orders:admin (403, before the body's own checks)", async () => {
      const { id, token } = await customer();
      const order = await create(token, id);
      for (const status of ["confirmed", "shipped"]) {
        expectProblemResponse(await as(token, { method: "PATCH", path: `/orders/${order.id}`, headers: JSON_TYPE, body: JSON.stringify({ status }) }), 403);
      }
      expectProblemResponse(
        await as(token, { method: "PATCH", path: `/orders/${order.id}`, headers: { "content-type": "text/plain" }, body: '{"status":"shipped"}' }),
        403,
      );
    });

    it("lets orders:admin reach every customer, by scope or scp", async () => {
      const { id, token } = await customer();
      const order = await create(token, id);
      for (const admin of [await issuer.mint({ sub: "ops-1", scope: "openid orders:admin" }), await issuer.mint({ sub: "ops-2", scp: ["orders:admin"] })]) {
        expect((await as(admin, { method: "GET", path: `/orders/${order.id}` })).status).toBe(200);
        expect((await as(admin, { method: "GET", path: `/orders?customerId=${id}` })).status).toBe(200);
        expect((await as(admin, { method: "POST", path: "/orders", headers: JSON_TYPE, body: orderBody(id) })).status).toBe(201);
      }
      const admin = await issuer.mint({ sub: "ops-3", scope: "orders:admin" });
      const confirmed = await as(admin, {
        method: "PATCH",
        path: `/orders/${order.id}`,
        headers: { ...JSON_TYPE, "if-match": `"${order.version}"` },
        body: '{"status":"confirmed"}',
      });
      expect([200, 412], confirmed.body).toContain(confirmed.status); // 412 where a queue confirmed it first
    });

    httpContract(`${name}, as an orders:admin caller`, async () => withBearer(await factory(issuer), ADMIN.sub, () => issuer.mint(ADMIN)));

    it("scopes idempotency keys to the caller: the same key from two customers makes two orders", async () => {
      const [alice, bob] = [await customer(), await customer()];
      const key = { "idempotency-key": `shared-${alice.id}` };
      const first = await as(alice.token, { method: "POST", path: "/orders", headers: { ...JSON_TYPE, ...key }, body: orderBody(alice.id) });
      const second = await as(bob.token, { method: "POST", path: "/orders", headers: { ...JSON_TYPE, ...key }, body: orderBody(bob.id) });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.headers["idempotent-replayed"]).toBeUndefined();
      expect(JSON.parse(second.body).id).not.toBe(JSON.parse(first.body).id);
    });
  });
}

/** Every request of a target sent with a token of this subject: the HTTP contract as that caller. */
export function withBearer<T extends HttpTarget>(target: T, subject: string, token: () => Promise<string>): T {
  return {
    ...target,
    principal: subject,
    send: async (request) => target.send({ ...request, headers: { ...request.headers, authorization: `Bearer ${await token()}` } }),
  };
}
