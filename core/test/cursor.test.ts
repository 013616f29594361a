import { describe, expect, it } from "vitest";
import { canonicalJson } from "../src/json/canonical-json.js";
import { fingerprint } from "../src/orders/idempotency.js";

describe("request fingerprints", () => {
  it("ignore key order and whitespace, and nothing else", () => {
    expect(canonicalJson(JSON.parse('{ "b": [1, {"y":2,"x":1}], "a": "s" }'))).toBe('{"a":"s","b":[1,{"x":1,"y":2}]}');
    expect(fingerprint({ a: 1, b: 2 })).toBe(fingerprint({ b: 2, a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: "1" }));
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
  });
});
