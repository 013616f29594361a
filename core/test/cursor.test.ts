import { describe, expect, it } from "vitest";
import { customerList, encodeKeyset, InvalidCursor } from "../src/index.js";
import { decodeCursor, encodeCursor } from "../src/orders/cursor.js";
import { canonicalJson } from "../src/json/canonical-json.js";
import { fingerprint } from "../src/orders/idempotency.js";

describe("list cursors", () => {
  const position = encodeKeyset(customerList("cus_1"), { createdAt: "2026-11-26T10:00:00.000Z", id: "ord_1" });

  it("round-trip the store's position for the customer they were issued for", () => {
    expect(decodeCursor(encodeCursor("cus_1", position), "cus_1")).toBe(position);
  });

  it("refuse another customer, a changed byte and garbage", () => {
    const cursor = encodeCursor("cus_1", position);
    expect(() => decodeCursor(cursor, "cus_2")).toThrow(InvalidCursor);
    expect(() => decodeCursor(`A${cursor.slice(1)}`, "cus_1")).toThrow(InvalidCursor);
    for (const garbage of ["", ".", "a.b", "a.b.c", "%%%"]) expect(() => decodeCursor(garbage, "cus_1")).toThrow(InvalidCursor);
  });
});

describe("request fingerprints", () => {
  it("ignore key order and whitespace, and nothing else", () => {
    expect(canonicalJson(JSON.parse('{ "b": [1, {"y":2,"x":1}], "a": "s" }'))).toBe('{"a":"s","b":[1,{"x":1,"y":2}]}');
    expect(fingerprint({ a: 1, b: 2 })).toBe(fingerprint({ b: 2, a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: "1" }));
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
  });
});
