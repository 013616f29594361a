import { describe, expect, it } from "vitest";
import { collection, deleteConditionally, memoryDocuments, notModified, Problem, putConditionally, versionTag, type HttpRequest } from "../src/index.js";

interface Note {
  id: string;
  text: string;
}

const notes = collection<Note>("notes", { key: ["id"] });
const request = (headers: Record<string, string>): HttpRequest => ({ method: "PUT", path: "/notes/n1", query: new URLSearchParams(), headers });
const note = (id: string, text: string): Note => ({ id, text });
const status = (error: unknown) => (error instanceof Problem ? error.status : error);

describe("conditional requests on a collection's documents (RFC 9110 13)", () => {
  it("gives each version a strong ETag, safe in the header whatever the store's version looks like", () => {
    for (const version of ['"00000a-0000"', "3", "1700000000000000"]) expect(versionTag(version)).toMatch(/^"[\x21\x23-\x7E]*"$/);
    expect(versionTag("1")).not.toBe(versionTag("2"));
  });

  it("answers GET 304 with the ETag when If-None-Match names the current version (weakly) or is *, and not otherwise", async () => {
    const stored = await memoryDocuments().collection(notes).put({ id: "n1", text: "a" });
    const tag = versionTag(stored.version);
    expect(notModified(request({ "if-none-match": tag }), stored)).toEqual({ status: 304, headers: { etag: tag } });
    expect(notModified(request({ "if-none-match": `"x", W/${tag}` }), stored)?.status).toBe(304);
    expect(notModified(request({ "if-none-match": "*" }), stored)?.status).toBe(304);
    expect(notModified(request({ "if-none-match": '"other"' }), stored)).toBeUndefined();
    expect(notModified(request({}), stored)).toBeUndefined();
    expect(() => notModified(request({ "if-none-match": "bare" }), stored)).toThrow(Problem);
  });

  it("PUT with If-Match writes only the version named, and 412s a stale one", async () => {
    const things = memoryDocuments().collection(notes);
    const first = await things.put({ id: "n1", text: "a" });
    const { stored, created } = await putConditionally(things, { id: "n1" }, request({ "if-match": versionTag(first.version) }), () => note("n1", "b"));
    expect(created).toBe(false);
    expect(stored.value.text).toBe("b");
    // The client still holds the first version: its update would be lost, so it is refused.
    const stale = await putConditionally(things, { id: "n1" }, request({ "if-match": versionTag(first.version) }), () => note("n1", "c")).catch(status);
    expect(stale).toBe(412);
    expect((await things.get({ id: "n1" }))?.value.text).toBe("b");
    // A weak tag never matches strongly; If-Match on a missing document fails too.
    expect(await putConditionally(things, { id: "n1" }, request({ "if-match": `W/${versionTag(stored.version)}` }), () => note("n1", "c")).catch(status)).toBe(
      412,
    );
    expect(await putConditionally(things, { id: "n2" }, request({ "if-match": "*" }), () => note("n2", "c")).catch(status)).toBe(412);
  });

  it("PUT with If-Match refuses an update that lands between its read and its write (the store's ifVersion, atomically)", async () => {
    const things = memoryDocuments().collection(notes);
    const first = await things.put({ id: "n1", text: "a" });
    // Another writer changes the note right after this request read it.
    const racing = {
      ...things,
      get: async (key: { id: string }) => {
        const read = await things.get(key);
        await things.put({ id: "n1", text: "other" });
        return read;
      },
    } as typeof things;
    const lost = await putConditionally(racing, { id: "n1" }, request({ "if-match": versionTag(first.version) }), () => note("n1", "mine")).catch(status);
    expect(lost).toBe(412);
    expect((await things.get({ id: "n1" }))?.value.text).toBe("other");
  });

  it("PUT with If-None-Match: * only creates: 412 when the document exists", async () => {
    const things = memoryDocuments().collection(notes);
    const made = await putConditionally(things, { id: "n1" }, request({ "if-none-match": "*" }), () => note("n1", "a"));
    expect(made.created).toBe(true);
    expect(await putConditionally(things, { id: "n1" }, request({ "if-none-match": "*" }), () => note("n1", "b")).catch(status)).toBe(412);
    expect((await things.get({ id: "n1" }))?.value.text).toBe("a");
  });

  it("PUT with If-None-Match: * refuses a create that another writer beat between its read and its write", async () => {
    const things = memoryDocuments().collection(notes);
    const racing = {
      ...things,
      get: async (key: { id: string }) => {
        const read = await things.get(key);
        await things.put({ id: "n1", text: "other" });
        return read;
      },
    } as typeof things;
    expect(await putConditionally(racing, { id: "n1" }, request({ "if-none-match": "*" }), () => note("n1", "mine")).catch(status)).toBe(412);
    expect((await things.get({ id: "n1" }))?.value.text).toBe("other");
  });

  it("DELETE with If-Match deletes only the version named", async () => {
    const things = memoryDocuments().collection(notes);
    const first = await things.put({ id: "n1", text: "a" });
    await things.put({ id: "n1", text: "b" });
    expect(await deleteConditionally(things, { id: "n1" }, request({ "if-match": versionTag(first.version) })).catch(status)).toBe(412);
    const current = await things.get({ id: "n1" });
    expect(await deleteConditionally(things, { id: "n1" }, request({ "if-match": versionTag(current!.version) }))).toBe(true);
    expect(await things.get({ id: "n1" })).toBeUndefined();
  });
});
