import { describe, expect, it } from "vitest";
import { ORDER_ID_PATTERN, ulidIds } from "../src/orders/index.js";

describe("order ids", () => {
  it("sort like creation, even within one millisecond", () => {
    let now = Date.parse("2026-11-26T10:00:00.000Z");
    const ids = ulidIds({ now: () => new Date(now) });
    const made = [ids.orderId(), ids.orderId(), ids.orderId()];
    now += 1;
    made.push(ids.orderId());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(4);
    for (const id of made) expect(id).toMatch(ORDER_ID_PATTERN);
  });
});
