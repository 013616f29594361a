import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../order.js";
import { StoreUnavailable } from "../../ports/errors.js";
import { sdkLikeError, type OrderStoreFaults } from "./breakable-order-store.js";
import type { ContractRequest, ContractResponse, HttpTarget } from "../../testing/http-target.js";
import { uniqueCustomer } from "./orders.js";
import { expectProblemResponse } from "../../testing/problems.js";

/** What the failure contract runs on: a target whose order store fails on demand. */
export interface FailureTarget extends HttpTarget {
  /** The order store behind the running service, made to fail on demand (see breakableOrderStore). */
  faults: OrderStoreFaults;
}

const JSON_HEADERS = { "content-type": "application/json" };
const RESOURCE = "skyport-orders-7f3a9c";

/** A store failing while the service runs: a bare 500 or a 503, health untouched, the key freed. */
export function failureContract(name: string, factory: () => Promise<FailureTarget> | FailureTarget) {
  describe(`failures inside the service: ${name}`, () => {
    let target: FailureTarget;
    beforeAll(async () => {
      target = await factory();
    });
    afterEach(() => target?.faults.mend());
    afterAll(async () => {
      await target?.close?.();
    });

    const body = (customerId = uniqueCustomer()) => JSON.stringify({ customerId, items: [{ sku: "A", quantity: 1, unitPrice: 1 }], currency: "EUR" });
    const post = (json: string, headers: Record<string, string> = {}) =>
      target.send({ method: "POST", path: "/orders", headers: { ...JSON_HEADERS, ...headers }, body: json });

    it("answers an unexpected error in any route with a 500 that says nothing about it", async () => {
      const existing = JSON.parse((await post(body())).body) as Order;
      target.faults.fail(sdkLikeError(RESOURCE));
      const requests: ContractRequest[] = [
        { method: "POST", path: "/orders", headers: JSON_HEADERS, body: body() },
        { method: "GET", path: `/orders/${existing.id}` },
        { method: "GET", path: `/orders?customerId=${existing.customerId}` },
        { method: "PATCH", path: `/orders/${existing.id}`, headers: JSON_HEADERS, body: '{"status":"cancelled"}' },
        { method: "DELETE", path: `/orders/${existing.id}` },
      ];
      for (const request of requests) {
        const response = await target.send({ ...request, headers: { ...request.headers, "x-request-id": "fail-500" } });
        const problem = expectProblemResponse(response, 500);
        expect(response.headers["x-request-id"]).toBe("fail-500");
        expect(response.body).not.toContain(RESOURCE);
        expect(response.body).not.toMatch(/AccessDenied|not authorized|arn:|123456789012/);
        expect(problem.detail).not.toContain(sdkLikeError(RESOURCE).message);
      }
    });

    it("answers GET /health while every store call fails", async () => {
      target.faults.fail(sdkLikeError(RESOURCE));
      const response = await target.send({ method: "GET", path: "/health" });
      expect(response.status, response.body).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ status: "ok" });
    });

    for (const [what, error, status] of [
      ["an unexpected error", sdkLikeError(RESOURCE), 500],
      ["the store going away", new StoreUnavailable(new Error("connect ECONNREFUSED")), 503],
    ] as const) {
      it(`frees an Idempotency-Key whose order write failed after the claim (${what}): the retry creates exactly one order`, async () => {
        const key = `failed-write-${uniqueCustomer()}`;
        const customerId = uniqueCustomer();
        target.faults.fail(error, ["create"]);
        expectProblemResponse(await post(body(customerId), { "idempotency-key": key }), status);
        target.faults.mend();
        const retried = await post(body(customerId), { "idempotency-key": key });
        expect(retried.status, retried.body).toBe(201);
        expect(retried.headers["idempotent-replayed"]).toBeUndefined();
        const replayed = await post(body(customerId), { "idempotency-key": key });
        expect(replayed.headers["idempotent-replayed"]).toBe("true");
        expect(replayed.body).toBe(retried.body);
        expect(orderIds(await target.send({ method: "GET", path: `/orders?customerId=${customerId}` }))).toEqual([JSON.parse(retried.body).id]);
      });
    }
  });
}

function orderIds(response: ContractResponse): string[] {
  expect(response.status, response.body).toBe(200);
  return (JSON.parse(response.body) as { items: Order[] }).items.map((o) => o.id);
}
