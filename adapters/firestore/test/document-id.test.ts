import { MAX_KEY_BYTES } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { documentId } from "../src/index.js";
import { MAX_ID_BYTES } from "../src/documents/document-id.js";
import { prefixEnd } from "../src/documents/collection-query.js";

// What Firestore refuses as a document id.
const refused = (id: string) => id.includes("/") || id === "." || id === ".." || /^__.*__$/.test(id) || Buffer.byteLength(id) > MAX_ID_BYTES;

describe("documentId", () => {
  it("keeps a plain key readable: its fields joined by ~", () => {
    expect(documentId(["ada", "loan-1"])).toBe("ada~loan-1");
    expect(documentId(["é 😀"])).toBe("é 😀");
  });

  it("escapes what Firestore cannot hold or the encoding uses, and ids Firestore reserves", () => {
    expect(documentId(["a/b", "c~d"])).toBe("a%2Fb~c%7Ed");
    expect(documentId(["100%", "#1"])).toBe("100%25~%231");
    expect(documentId(["."])).toBe("%2E");
    expect(documentId([".."])).toBe("%2E.");
    expect(documentId(["__x__"])).toBe("%5F_x__");
    expect(documentId(["__x", "y__"])).toBe("%5F_x~y__");
  });

  it("gives distinct keys distinct ids that Firestore takes", () => {
    const keys = [["a~b", "c"], ["a", "b~c"], ["a%7Eb", "c"], ["."], ["%2E"], ["_"], ["__x__"], ["%5F_x__"], ["a/b"], ["a%2Fb"], ["#x"], ["%23x"]];
    const ids = keys.map(documentId);
    expect(new Set(ids).size).toBe(keys.length);
    for (const id of ids) expect(refused(id), id).toBe(false);
  });

  it("hashes a key whose id would pass Firestore's 1500 bytes, apart from every plain id", () => {
    const longest = ["é".repeat(MAX_KEY_BYTES / 2), "😀".repeat(MAX_KEY_BYTES / 4)];
    const id = documentId(longest);
    expect(id).toMatch(/^#[A-Za-z0-9_-]{43}$/);
    expect(documentId([longest[0]!, `${"😀".repeat(MAX_KEY_BYTES / 4 - 1)}a`])).not.toBe(id);
    // Just within the limit stays plain; "#" in a plain key is escaped, so no plain id starts with it.
    expect(documentId(["a".repeat(MAX_ID_BYTES)])).toBe("a".repeat(MAX_ID_BYTES));
    expect(documentId(["a".repeat(MAX_ID_BYTES + 1)])).toMatch(/^#/);
    expect(documentId([id])).not.toBe(id);
  });
});

describe("prefixEnd (the upper bound of beginsWith)", () => {
  it("raises the last code point, past U+FFFF and around the surrogates", () => {
    expect(prefixEnd("ab")).toBe("ac");
    expect(prefixEnd("a\u{FFFD}")).toBe("a\u{FFFE}");
    expect(prefixEnd("a\u{1F600}")).toBe("a\u{1F601}");
    expect(prefixEnd("a\u{D7FF}")).toBe("a\u{E000}");
    expect(prefixEnd("a\u{10FFFF}")).toBe("b");
    expect(prefixEnd("\u{10FFFF}")).toBeUndefined();
  });
});
