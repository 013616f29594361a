import { randomUUID } from "node:crypto";
import {
  InvalidCursor,
  notModified,
  PoisonMessage,
  Problem,
  json,
  putConditionally,
  versionTag,
  type FieldError,
  type HttpRequest,
  type MessageConsumer,
  type Route,
  type ScheduleHandler,
  type Versioned,
} from "@skyport/core";
import type { Note } from "./notes.js";
import type { Services } from "./services.js";

const NAME = /^[\p{L} .'-]{1,64}$/u;

/** GET /hello?name=Ada -> {"message":"Hello, Ada!"}; a name that is not one is a 400 problem. */
export function greet(services: Services): Route[] {
  return [
    {
      path: "/hello",
      methods: {
        GET: async (request) => {
          const name = request.query.get("name") ?? "world";
          if (!NAME.test(name))
            throw new Problem("validation", "The query is not valid.", [
              { path: "name", message: "must be 1-64 letters, spaces, dots, apostrophes or hyphens" },
            ]);
          return json(200, { message: `${services.greeting}, ${name}!` });
        },
      },
    },
  ];
}

const OWNER = /^[A-Za-z0-9._-]{1,64}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * POST /notes {owner, text, expiresAt?} -> 201 the note (its id made here), idempotent: the same
 * `Idempotency-Key` and body replay the first answer, never a second note; GET /notes/{id} -> the
 * note with its `ETag` (304 to a matching `If-None-Match`), or 404 once deleted or expired;
 * PUT /notes/{id} {owner, text, expiresAt?} -> the note replaced (201 if new), only at the version
 * `If-Match` names (412 if it changed), only if new with `If-None-Match: *`, never to another
 * owner (the app's own 409 problem, note-owner-fixed);
 * GET /notes?owner=ada[&cursor=...] -> {items, cursor?}, the owner's notes oldest first (the
 * by-owner index), a page of at most 50.
 */
export function noteRoutes(services: Services): Route[] {
  return [
    {
      path: "/notes",
      idempotent: true,
      methods: {
        POST: async (request) => {
          const body = jsonBody(request);
          const created = await services.notes.create({ ...checkedNote(body), id: randomUUID(), createdAt: services.clock.now().toISOString() });
          return noteAnswer(201, created, { location: `/notes/${created.value.id}` });
        },
        GET: async (request) => {
          const owner = request.query.get("owner") ?? "";
          if (!OWNER.test(owner)) throw new Problem("validation", "The query is not valid.", [{ path: "owner", message: "must be 1-64 of A-Z a-z 0-9 . _ -" }]);
          const cursor = request.query.get("cursor") ?? undefined;
          const page = await services.notes.query({ index: "by-owner", where: { owner }, limit: 50, cursor }).catch((error: unknown) => {
            if (error instanceof InvalidCursor) throw new Problem("validation", "The query is not valid.", [{ path: "cursor", message: "is not this list's" }]);
            throw error;
          });
          return json(200, { items: page.items.map((item) => item.value), ...(page.cursor && { cursor: page.cursor }) });
        },
      },
    },
    {
      path: "/notes/{id}",
      methods: {
        GET: async (request, params) => {
          const found = await services.notes.get({ id: params.id! });
          if (!found) throw new Problem("not-found", "No such note.");
          return notModified(request, found) ?? noteAnswer(200, found);
        },
        PUT: async (request, params) => {
          const given = checkedNote(jsonBody(request));
          const id = params.id!;
          const { stored, created } = await putConditionally(services.notes, { id }, request, (current) => {
            if (current && current.owner !== given.owner)
              throw services.problems.problem("note-owner-fixed", `Note ${id} belongs to ${current.owner}; create a new note for ${given.owner}.`);
            return { ...given, id, createdAt: current?.createdAt ?? services.clock.now().toISOString() };
          });
          return noteAnswer(created ? 201 : 200, stored, created ? { location: `/notes/${id}` } : {});
        },
      },
    },
  ];
}

/** A note with its version as the strong `ETag` a client sends back in `If-Match` or `If-None-Match`. */
function noteAnswer(status: number, note: Versioned<Note>, headers: Record<string, string> = {}) {
  return json(status, note.value, { ...headers, etag: versionTag(note.version) });
}

function jsonBody(request: HttpRequest): unknown {
  try {
    return JSON.parse(Buffer.from(request.body ?? new Uint8Array()).toString("utf8"));
  } catch {
    throw new Problem("malformed-json", "The body is not valid JSON.");
  }
}

/** The fields a client sends; every broken rule at once, each at its JSON Pointer. */
function checkedNote(body: unknown): Pick<Note, "owner" | "text" | "expiresAt"> {
  const given = (body && typeof body === "object" && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof given.owner !== "string" || !OWNER.test(given.owner)) errors.push({ path: "/owner", message: "must be 1-64 of A-Z a-z 0-9 . _ -" });
  if (typeof given.text !== "string" || given.text.length < 1 || given.text.length > 1000) errors.push({ path: "/text", message: "must be 1-1000 characters" });
  const { expiresAt } = given;
  if (expiresAt !== undefined && (typeof expiresAt !== "string" || !DATE_TIME.test(expiresAt) || Number.isNaN(Date.parse(expiresAt))))
    errors.push({ path: "/expiresAt", message: "must be an ISO 8601 date-time with an offset" });
  if (errors.length > 0) throw new Problem("validation", "The note is not valid.", errors);
  return { owner: given.owner as string, text: given.text as string, ...(expiresAt !== undefined && { expiresAt: expiresAt as string }) };
}

/** `job.requested` with a `jobId`: done once logged; one without a jobId can never succeed. */
export function runJob(services: Services): MessageConsumer {
  return async (event, context) => {
    if (typeof event.jobId !== "string" || event.jobId === "") throw new PoisonMessage("job.requested without a jobId");
    context.logger.info("job done", { jobId: event.jobId, at: services.clock.now().toISOString() });
  };
}

/** Every hour: says so, and returns when it ran. */
export function logTick(services: Services): ScheduleHandler {
  return async (_tick, context) => {
    const at = services.clock.now().toISOString();
    context.logger.info("tick", { at });
    return { at };
  };
}
