import { randomUUID } from "node:crypto";
import { InvalidCursor, json, notModified, Problem, putConditionally, route, versionTag, type Versioned } from "@skyport/core";
import * as Type from "typebox";
import { Greeting, NoteAnswer, NoteFields, NoteId, NotesQuery } from "./note-schemas.js";
import type { Note } from "./notes.js";
import type { Services } from "./services.js";

const etag = { etag: { description: "The note's version, for If-Match and If-None-Match" } };

/** GET /hello?name=Ada -> {"message":"Hello, Ada!"}; a name that is not one is a 400 problem. */
export const hello = route(
  {
    method: "GET",
    path: "/hello",
    summary: "A greeting",
    query: Greeting,
    answers: { 200: { description: "The greeting", body: Type.Object({ message: Type.String() }) } },
  },
  async ({ query }, services: Services) => json(200, { message: `${services.greeting}, ${query.name ?? "world"}!` }),
);

/**
 * POST /notes {owner, text, expiresAt?} -> 201 the note (its id made here), idempotent: the same
 * `Idempotency-Key` and body replay the first answer, never a second note.
 */
export const createNote = route(
  {
    method: "POST",
    path: "/notes",
    summary: "Create a note",
    body: NoteFields,
    idempotent: true,
    answers: { 201: { description: "The note", body: NoteAnswer, headers: { ...etag, location: { description: "The note's URL" } } } },
  },
  async ({ body }, services: Services) => {
    const created = await services.notes.create({ ...body, id: randomUUID(), createdAt: services.clock.now().toISOString() });
    return noteAnswer(201, created, { location: `/notes/${created.value.id}` });
  },
);

/** GET /notes?owner=ada[&cursor=...] -> {items, cursor?}, the owner's notes oldest first (the by-owner index), a page of at most 50. */
export const listNotes = route(
  {
    method: "GET",
    path: "/notes",
    summary: "An owner's notes, oldest first",
    query: NotesQuery,
    answers: { 200: { description: "A page of notes", body: Type.Object({ items: Type.Array(NoteAnswer), cursor: Type.Optional(Type.String()) }) } },
  },
  async ({ query: { owner, cursor } }, services: Services) => {
    const page = await services.notes.query({ index: "by-owner", where: { owner }, limit: 50, cursor }).catch((error: unknown) => {
      if (error instanceof InvalidCursor) throw new Problem("validation", "The query is not valid.", [{ path: "cursor", message: "is not this list's" }]);
      throw error;
    });
    return json(200, { items: page.items.map((item) => item.value), ...(page.cursor && { cursor: page.cursor }) });
  },
);

/** GET /notes/{id} -> the note with its `ETag` (304 to a matching `If-None-Match`), or 404 once deleted or expired. */
export const readNote = route(
  {
    method: "GET",
    path: "/notes/{id}",
    summary: "A note",
    params: NoteId,
    answers: { 200: { description: "The note", body: NoteAnswer, headers: etag }, 304: { description: "Not modified since the ETag given" } },
    problems: ["not-found"],
  },
  async ({ params, request }, services: Services) => {
    const found = await services.notes.get({ id: params.id });
    if (!found) throw new Problem("not-found", "No such note.");
    return notModified(request, found) ?? noteAnswer(200, found);
  },
);

/**
 * PUT /notes/{id} {owner, text, expiresAt?} -> the note replaced (201 if new), only at the version
 * `If-Match` names (412 if it changed), only if new with `If-None-Match: *`, never to another
 * owner (the app's own 409 problem, note-owner-fixed).
 */
export const putNote = route(
  {
    method: "PUT",
    path: "/notes/{id}",
    summary: "Create or replace a note, at the version If-Match names",
    params: NoteId,
    body: NoteFields,
    answers: {
      200: { description: "The note, replaced", body: NoteAnswer, headers: etag },
      201: { description: "The note, created", body: NoteAnswer, headers: etag },
    },
    problems: ["precondition-failed", "note-owner-fixed"],
  },
  async ({ params: { id }, body, request }, services: Services) => {
    const { stored, created } = await putConditionally(services.notes, { id }, request, (current) => {
      if (current && current.owner !== body.owner)
        throw services.problems.problem("note-owner-fixed", `Note ${id} belongs to ${current.owner}; create a new note for ${body.owner}.`);
      return { ...body, id, createdAt: current?.createdAt ?? services.clock.now().toISOString() };
    });
    return noteAnswer(created ? 201 : 200, stored, created ? { location: `/notes/${id}` } : {});
  },
);

/** The api function's routes. */
export const apiRoutes = [hello, createNote, listNotes, readNote, putNote];

/** A note with its version as the strong `ETag` a client sends back in `If-Match` or `If-None-Match`. */
function noteAnswer(status: number, note: Versioned<Note>, headers: Record<string, string> = {}) {
  return json(status, note.value, { ...headers, etag: versionTag(note.version) });
}
