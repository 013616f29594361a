import { describe, expect, it } from "vitest";
import { InvalidCursor } from "../src/index.js";
import { customerList, decodeKeyset, encodeKeyset, statusList } from "../src/orders/index.js";

const last = { createdAt: "2026-11-26T10:00:00.000Z", id: "ord_01JD0000000000000000000000" };

describe("keyset positions", () => {
  it("come back as the (createdAt, id) they were made from, for the list they were made for", () => {
    expect(decodeKeyset(customerList("cus_1"), encodeKeyset(customerList("cus_1"), last))).toEqual(last);
    expect(decodeKeyset(statusList("pending"), encodeKeyset(statusList("pending"), last))).toEqual(last);
  });

  it("are opaque: neither the instant nor the id shows in plain text", () => {
    const position = encodeKeyset(customerList("cus_1"), last);
    expect(position).not.toContain(last.id);
    expect(position).not.toContain("2026-11-26");
  });

  it("are refused for another customer's list, or a status list", () => {
    const position = encodeKeyset(customerList("cus_1"), last);
    expect(() => decodeKeyset(customerList("cus_2"), position)).toThrow(InvalidCursor);
    expect(() => decodeKeyset(statusList("pending"), position)).toThrow(InvalidCursor);
  });

  it("are refused when any character of the payload or the check changes", () => {
    const position = encodeKeyset(customerList("cus_1"), last);
    for (let i = 0; i < position.length; i++) {
      if (position[i] === ".") continue;
      const changed = `${position.slice(0, i)}${position[i] === "A" ? "B" : "A"}${position.slice(i + 1)}`;
      expect(() => decodeKeyset(customerList("cus_1"), changed), changed).toThrow(InvalidCursor);
    }
  });

  it("are refused when the instant does not exist or the id is not one, even with a matching check", () => {
    const made = [
      { ...last, createdAt: "2026-02-30T00:00:00.000Z" },
      { ...last, createdAt: "2026-13-01T00:00:00.000Z" },
      { ...last, createdAt: "2026-01-01T24:00:00.000Z" },
      { ...last, createdAt: "2026-01-01 00:00:00.000Z" },
      { ...last, id: "../x" },
      { ...last, id: "a|b" },
      { ...last, id: "" },
    ];
    for (const position of made) {
      expect(() => decodeKeyset(customerList("cus_1"), encodeKeyset(customerList("cus_1"), position)), JSON.stringify(position)).toThrow(InvalidCursor);
    }
  });

  it.each(["", ".", "|||", "garbage", `${last.createdAt}|${last.id}`, "{}", "%00", "a.b", "a.b.c", "x".repeat(10_000)])(
    "are refused when garbled: %j",
    (position) => expect(() => decodeKeyset(customerList("cus_1"), position)).toThrow(InvalidCursor),
  );
});
