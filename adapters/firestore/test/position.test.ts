import { InvalidCursor } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { customerList, decodePosition, encodePosition, statusList } from "../src/position.js";

const last = { createdAt: "2026-11-26T10:00:00.000Z", id: "ord_01JD0000000000000000000000" };

describe("store positions", () => {
  it("come back as the (createdAt, id) they were made from, for the list they were made for", () => {
    expect(decodePosition(customerList("cus_1"), encodePosition(customerList("cus_1"), last))).toEqual(last);
  });

  it("are refused for another customer's list, or a status list", () => {
    const position = encodePosition(customerList("cus_1"), last);
    expect(() => decodePosition(customerList("cus_2"), position)).toThrow(InvalidCursor);
    expect(() => decodePosition(statusList("pending"), position)).toThrow(InvalidCursor);
  });

  it("are refused when the instant does not exist, even with a matching check", () => {
    for (const createdAt of ["2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-01-01T24:00:00.000Z"]) {
      const position = encodePosition(customerList("cus_1"), { ...last, createdAt });
      expect(() => decodePosition(customerList("cus_1"), position), createdAt).toThrow(InvalidCursor);
    }
  });

  it.each(["", "|||", "garbage", `${last.createdAt}|${last.id}`, `${last.createdAt}|../x|AAAAAAAAAAAAAAAAAAAAAA`, "%00"])(
    "are refused when garbled: %j",
    (position) => {
      expect(() => decodePosition(customerList("cus_1"), position)).toThrow(InvalidCursor);
    },
  );
});
