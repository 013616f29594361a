import { randomUUID } from "node:crypto";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { Collection } from "@skyport/core";
import type { ContractRequest, ContractResponse } from "@skyport/core/testing";
import { expect, it } from "vitest";
import type { Note } from "../../template/src/notes.js";

/** A generated app's built api function on one cloud, and the store it keeps its notes in. */
export interface NotesTarget {
  /** A request to the api function, delivered as that cloud's runtime delivers it. */
  send(request: ContractRequest): Promise<ContractResponse>;
  /** The notes where SKYPORT_STORE and SKYPORT_COLLECTION_NOTES put them, read with the store's own Documents: not through the bundle. */
  stored: Collection<Note>;
}

/** An owner no other test writes notes for: each test lists its own. */
const uniqueOwner = () => `owner-${randomUUID().slice(0, 8)}`;

/**
 * What the template's api does with notes, on a cloud's built bundle and its real store: create,
 * read by id, list by the by-owner index in its order, and a note past its expiry answered as gone;
 * and what its declared routes give it (issue 24): a body checked against its schema, an idempotent
 * POST, a conditional PUT, and its own /openapi.json with its own problem.
 */
export function notesContract(target: () => NotesTarget) {
  const post = async (note: Partial<Note>) => {
    const response = await target().send({ method: "POST", path: "/notes", headers: { "content-type": "application/json" }, body: JSON.stringify(note) });
    expect(response.status, response.body).toBe(201);
    return { note: JSON.parse(response.body) as Note, location: response.headers.location };
  };
  const get = async (path: string) => {
    const response = await target().send({ method: "GET", path });
    return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
  };
  const list = async (owner: string) => {
    const { status, body } = await get(`/notes?owner=${owner}`);
    expect(status, JSON.stringify(body)).toBe(200);
    return body.items as Note[];
  };

  it("creates a note, with its id and location, and the note is in the store", async () => {
    const owner = uniqueOwner();
    const { note, location } = await post({ owner, text: "kept in the store" });
    expect(note).toEqual({ id: expect.any(String), owner, text: "kept in the store", createdAt: expect.any(String) });
    expect(location).toBe(`/notes/${note.id}`);
    expect((await target().stored.get({ id: note.id }))?.value).toEqual(note);
  });

  it("reads a note by id, and answers an id it does not keep with 404", async () => {
    const { note } = await post({ owner: uniqueOwner(), text: "read me" });
    expect(await get(`/notes/${note.id}`)).toEqual({ status: 200, body: note });
    expect((await get(`/notes/${randomUUID()}`)).status).toBe(404);
  });

  it("lists an owner's notes through the by-owner index, oldest first, and no other owner's", async () => {
    const owner = uniqueOwner();
    const created: Note[] = [];
    // Five, each created after the last: a list in any other order (the ids' order, say) shows by chance once in 120.
    for (const text of ["one", "two", "three", "four", "five"]) {
      created.push((await post({ owner, text })).note);
      if (text === "two") await post({ owner: uniqueOwner(), text: "someone else's" });
    }
    expect(await list(owner)).toEqual(created);
    expect(created.map((note) => note.createdAt)).toEqual(created.map((note) => note.createdAt).sort());
  });

  it("checks a body against the route's declared schema: one 400 problem with every broken rule", async () => {
    const owner = "not an owner!";
    const response = await target().send({
      method: "POST",
      path: "/notes",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ owner, text: "" }),
    });
    expect([response.status, response.headers["content-type"]]).toEqual([400, "application/problem+json"]);
    const problem = JSON.parse(response.body) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual(["/owner", "/text"]);
  });

  it("replays an idempotent POST: the same Idempotency-Key and body give the first note again, another body a 422", async () => {
    const owner = uniqueOwner();
    const key = `note-${randomUUID()}`;
    const send = (text: string) =>
      target().send({
        method: "POST",
        path: "/notes",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({ owner, text }),
      });
    const first = await send("once");
    expect(first.status, first.body).toBe(201);
    const again = await send("once");
    expect([again.status, again.headers["idempotent-replayed"], JSON.parse(again.body).id]).toEqual([201, "true", JSON.parse(first.body).id]);
    expect((await send("another")).status).toBe(422);
    expect(await list(owner)).toHaveLength(1);
  });

  it("replaces a note only at the version If-Match names: 412 once stale", async () => {
    const { note } = await post({ owner: uniqueOwner(), text: "v1" });
    const read = await target().send({ method: "GET", path: `/notes/${note.id}` });
    const put = (tag: string, text: string) =>
      target().send({
        method: "PUT",
        path: `/notes/${note.id}`,
        headers: { "content-type": "application/json", "if-match": tag },
        body: JSON.stringify({ owner: note.owner, text }),
      });
    const updated = await put(read.headers.etag!, "v2");
    expect(updated.status, updated.body).toBe(200);
    expect((await put(read.headers.etag!, "v3")).status).toBe(412);
    expect((await target().stored.get({ id: note.id }))?.value.text).toBe("v2");
  });

  it("serves its own /openapi.json, valid OpenAPI 3.1, with its routes and its own problem", async () => {
    const response = await target().send({ method: "GET", path: "/openapi.json" });
    expect(response.status).toBe(200);
    const document = JSON.parse(response.body) as { paths: Record<string, unknown>; components: { responses?: Record<string, unknown> } };
    expect((await new Validator().validate(structuredClone(document) as Record<string, unknown>)).errors ?? []).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/notes", "/notes/{id}"]));
    expect(response.body).toContain("note-owner-fixed");
  });

  it("answers a note past its expiry as gone, by id and in the list, and keeps one that is not", async () => {
    const owner = uniqueOwner();
    const { note: expired } = await post({ owner, text: "gone", expiresAt: "2020-01-01T00:00:00Z" });
    const { note: later } = await post({ owner, text: "kept", expiresAt: "2999-01-01T00:00:00Z" });
    expect((await get(`/notes/${expired.id}`)).status).toBe(404);
    expect(await get(`/notes/${later.id}`)).toEqual({ status: 200, body: later });
    expect(await list(owner)).toEqual([later]);
    expect((await target().stored.get({ id: later.id }))?.value).toEqual(later);
  });
}

/**
 * What api does with SKYPORT_CACHE=redis on a cloud's built bundle (issue 27): GET /notes/{id} reads
 * through the cache (a change made in the store behind the app is not seen until the app writes
 * the note), and a read after a write never sees the note before it, on the instance that wrote
 * or on `other`, another instance on the same Redis where the runtime can run two.
 */
export function notesCacheContract(target: () => NotesTarget, other?: () => NotesTarget) {
  const send = async (on: NotesTarget, method: string, path: string, note?: Partial<Note>, headers: Record<string, string> = {}) => {
    const response = await on.send({
      method,
      path,
      headers: { ...(note && { "content-type": "application/json" }), ...headers },
      ...(note && { body: JSON.stringify(note) }),
    });
    return { status: response.status, etag: response.headers.etag, note: JSON.parse(response.body) as Note };
  };
  const instances = () => [target(), ...(other ? [other()] : [])];

  it("answers GET /notes/{id} from the cache: a change made in the store behind the app is not seen", async () => {
    const { note } = await send(target(), "POST", "/notes", { owner: uniqueOwner(), text: "v1" });
    for (const on of instances()) expect((await send(on, "GET", `/notes/${note.id}`)).note.text).toBe("v1");
    await target().stored.put({ ...note, text: "changed behind the app" });
    for (const on of instances()) expect((await send(on, "GET", `/notes/${note.id}`)).note).toEqual(note);
  });

  it("never answers a read after a write with the note before it, on any instance: a PUT, a PUT at its version, a new note under a read id", async () => {
    const owner = uniqueOwner();
    const { note } = await send(target(), "POST", "/notes", { owner, text: "v1" });
    const writer = instances().at(-1)!;
    for (const on of instances()) await send(on, "GET", `/notes/${note.id}`);
    const v2 = await send(writer, "PUT", `/notes/${note.id}`, { owner, text: "v2" });
    expect(v2.status).toBe(200);
    for (const on of instances()) expect(await send(on, "GET", `/notes/${note.id}`)).toEqual({ status: 200, etag: v2.etag, note: { ...note, text: "v2" } });
    const v3 = await send(writer, "PUT", `/notes/${note.id}`, { owner, text: "v3" }, { "if-match": v2.etag! });
    expect(v3.status).toBe(200);
    for (const on of instances()) expect((await send(on, "GET", `/notes/${note.id}`)).note.text).toBe("v3");
    const id = `note-${randomUUID()}`;
    for (const on of instances()) expect((await send(on, "GET", `/notes/${id}`)).status).toBe(404);
    expect((await send(writer, "PUT", `/notes/${id}`, { owner, text: "made" }, { "if-none-match": "*" })).status).toBe(201);
    for (const on of instances()) expect((await send(on, "GET", `/notes/${id}`)).note.text).toBe("made");
  });
}
