import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { GENERATED, validatorsSource } from "../scripts/compile-validators.mjs";
import { VALIDATED_SCHEMAS } from "../src/orders/schema.js";
import { createOrderService } from "../src/orders/service.js";
import { validateNewOrder } from "../src/orders/validation.js";
import type { ContractRequest } from "../src/testing/index.js";
import { memoryOrderDeps, serviceSend } from "../src/orders/testing/index.js";

const item = { sku: "SKU-1", quantity: 2, unitPrice: 1999 };
const order = { customerId: "cus_42", items: [item], currency: "EUR" };
const JSON_TYPE = { "content-type": "application/json" };

describe("POST /orders body, checked by the compiled JSON Schema", () => {
  it("accepts a valid order, integers written as 2.0 included", () => {
    expect(validateNewOrder(order)).toEqual({ ok: true, value: order });
    expect(validateNewOrder({ ...order, items: [{ ...item, quantity: 2.0 }] }).ok).toBe(true);
  });

  it("reports each broken field once, at its JSON Pointer, with the rule it breaks, in the schema's order", () => {
    const result = validateNewOrder({ currency: "eur", items: [{ sku: "", quantity: 2.5, unitPrice: -1, "a/b~": 1 }, "x"], extra: true });
    expect(result.ok).toBe(false);
    // In the order the hand-written checks gave (and bench/src/hand-written still gives): unknown fields first, then as declared.
    expect(result.ok ? [] : result.errors).toEqual([
      { path: "/extra", message: "unknown field" },
      { path: "/customerId", message: "must be 1-64 characters of A-Z, a-z, 0-9, _ or -" },
      { path: "/currency", message: "must be three upper-case letters" },
      { path: "/items/0/a~1b~0", message: "unknown field" },
      { path: "/items/0/sku", message: "must be 1-64 characters of A-Z, a-z, 0-9, _, . or -" },
      { path: "/items/0/quantity", message: "must be an integer from 1 to 1000" },
      { path: "/items/0/unitPrice", message: "must be an integer from 0 to 100000000 (minor units)" },
      { path: "/items/1", message: "must be an object" },
    ]);
  });

  it("says a non-object body is one, and an over-long list once rather than once per item", () => {
    expect(validateNewOrder([order])).toEqual({ ok: false, errors: [{ path: "", message: "must be a JSON object" }] });
    const many = validateNewOrder({ ...order, items: Array.from({ length: 101 }, () => ({})) });
    expect(many).toEqual({ ok: false, errors: [{ path: "/items", message: "must be an array of 1-100 items" }] });
  });

  it("runs the validators compiled from the schema as it is now (npm run validators -w @skyport/core)", () => {
    expect(readFileSync(GENERATED, "utf8")).toBe(validatorsSource(VALIDATED_SCHEMAS));
  });

  it("compiles to code that needs nothing at run time: no Ajv helper a bundle would lack", () => {
    expect(readFileSync(GENERATED, "utf8")).not.toMatch(/\brequire\(|\bimport\b/);
  });
});

describe("PATCH /orders/{id} and GET /orders, checked by their declared schemas", () => {
  const send = serviceSend(createOrderService(memoryOrderDeps()));
  const problem = async (request: ContractRequest) => {
    const response = await send(request);
    expect(response.status, response.body).toBe(400);
    return JSON.parse(response.body) as { type: string; errors: { path: string; message: string }[] };
  };
  const query = (text: string) => problem({ method: "GET", path: `/orders?${text}` });
  const created = async (customerId: string) => {
    const response = await send({ method: "POST", path: "/orders", headers: JSON_TYPE, body: JSON.stringify({ ...order, customerId }) });
    expect(response.status, response.body).toBe(201);
    return JSON.parse(response.body) as { id: string };
  };

  it("takes a status change to a known status only", async () => {
    const { id } = await created("cus_patch");
    const change = (body: unknown) => ({ method: "PATCH", path: `/orders/${id}`, headers: JSON_TYPE, body: JSON.stringify(body) });
    expect((await send(change({ status: "cancelled" }))).status).toBe(200);
    expect((await problem(change({ status: "lost", why: 1 }))).errors).toEqual([
      { path: "/why", message: "unknown field" },
      { path: "/status", message: "must be one of pending, confirmed, shipped, cancelled" },
    ]);
  });

  it("reads customerId, a limit (20 unless given) and a cursor, and ignores other parameters", async () => {
    for (let i = 0; i < 21; i++) await created("cus_page");
    const page = async (text: string) => {
      const response = await send({ method: "GET", path: `/orders?${text}` });
      expect(response.status, response.body).toBe(200);
      return JSON.parse(response.body) as { items: unknown[]; nextCursor: string | null };
    };
    const first = await page("customerId=cus_page&utm=x");
    expect(first.items).toHaveLength(20);
    expect((await page(`customerId=cus_page&limit=100&cursor=${encodeURIComponent(first.nextCursor!)}`)).items).toHaveLength(1);
  });

  it("names each wrong parameter by its name, in the schema's order, worded by the schema", async () => {
    expect((await query("limit=0&cursor=")).errors).toEqual([
      { path: "customerId", message: "is required: 1-64 characters of A-Z, a-z, 0-9, _ or -" },
      { path: "limit", message: "must be an integer from 1 to 100" },
      { path: "cursor", message: "is not a cursor this list issued" },
    ]);
    for (const limit of ["101", "abc", "2.5", "-1", "1e1", "99999999999999999999"]) {
      expect((await query(`customerId=c1&limit=${limit}`)).errors, limit).toMatchObject([{ path: "limit" }]);
    }
    expect((await query(`customerId=${"c".repeat(65)}`)).errors).toMatchObject([{ path: "customerId" }]);
  });

  it("refuses a parameter given twice, whichever it is", async () => {
    expect((await query("customerId=a&customerId=b&limit=1&limit=2")).errors).toEqual([
      { path: "customerId", message: "must appear once" },
      { path: "limit", message: "must appear once" },
    ]);
  });
});
