import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { GENERATED, validatorsSource } from "../scripts/compile-validators.mjs";
import { VALIDATED_SCHEMAS } from "../src/orders/schema.js";
import { validateListQuery, validateNewOrder, validateStatusChange } from "../src/orders/validation.js";

const item = { sku: "SKU-1", quantity: 2, unitPrice: 1999 };
const order = { customerId: "cus_42", items: [item], currency: "EUR" };

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

  it("takes a status change to a known status only", () => {
    expect(validateStatusChange({ status: "cancelled" })).toEqual({ ok: true, value: "cancelled" });
    expect(validateStatusChange({ status: "lost", why: 1 })).toEqual({
      ok: false,
      errors: [
        { path: "/why", message: "unknown field" },
        { path: "/status", message: "must be one of pending, confirmed, shipped, cancelled" },
      ],
    });
  });

  it("runs the validators compiled from the schema as it is now (npm run validators -w @skyport/core)", () => {
    expect(readFileSync(GENERATED, "utf8")).toBe(validatorsSource(VALIDATED_SCHEMAS));
  });

  it("compiles to code that needs nothing at run time: no Ajv helper a bundle would lack", () => {
    expect(readFileSync(GENERATED, "utf8")).not.toMatch(/\brequire\(|\bimport\b/);
  });
});

describe("GET /orders query, checked by the compiled JSON Schema", () => {
  const query = (text: string) => validateListQuery(new URLSearchParams(text));

  it("reads customerId, a limit (20 unless given) and a cursor, and ignores other parameters", () => {
    expect(query("customerId=cus_42&utm=x")).toEqual({ ok: true, value: { customerId: "cus_42", limit: 20 } });
    expect(query("customerId=cus_42&limit=100&cursor=abc")).toEqual({ ok: true, value: { customerId: "cus_42", limit: 100, cursor: "abc" } });
  });

  it("names each wrong parameter by its name, in the schema's order, worded by the schema", () => {
    expect(query("limit=0&cursor=")).toEqual({
      ok: false,
      errors: [
        { path: "customerId", message: "is required: 1-64 characters of A-Z, a-z, 0-9, _ or -" },
        { path: "limit", message: "must be an integer from 1 to 100" },
        { path: "cursor", message: "is not a cursor this list issued" },
      ],
    });
    for (const limit of ["101", "abc", "2.5", "-1", "1e1", "99999999999999999999"]) {
      expect(query(`customerId=c1&limit=${limit}`), limit).toMatchObject({ ok: false, errors: [{ path: "limit" }] });
    }
    expect(query(`customerId=${"c".repeat(65)}`)).toMatchObject({ ok: false, errors: [{ path: "customerId" }] });
  });

  it("refuses a parameter given twice, whichever it is", () => {
    expect(query("customerId=a&customerId=b&limit=1&limit=2")).toEqual({
      ok: false,
      errors: [
        { path: "customerId", message: "must appear once" },
        { path: "limit", message: "must appear once" },
      ],
    });
  });
});
