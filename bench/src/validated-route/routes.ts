import { defineApp, http, json, type Context, type FieldError, type HttpRequest, type HttpResponse, Problem, route, silentLogger } from "@skyport/core";
import * as Type from "typebox";

export type Handler = (request: HttpRequest, context: Context) => Promise<HttpResponse>;
export const context: Context = { requestId: "bench", cloud: "local", logger: silentLogger };

const OWNER = /^[A-Za-z0-9._-]{1,64}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The generated app's note, as its POST /notes declares it. */
const NoteFields = Type.Object(
  {
    owner: Type.String({ pattern: OWNER.source, "x-error-message": "must be 1-64 of A-Z a-z 0-9 . _ -" }),
    text: Type.String({ minLength: 1, maxLength: 1000, "x-error-message": "must be 1-1000 characters" }),
    expiresAt: Type.Optional(Type.String({ pattern: DATE_TIME.source, "x-error-message": "must be an ISO 8601 date-time with an offset" })),
  },
  { additionalProperties: false },
);

/** POST /notes, its body checked against its declared schema before the handler. */
export function declaredRoute(): Handler {
  const create = route({ method: "POST", path: "/notes", body: NoteFields, answers: { 201: { description: "The note" } } }, async ({ body }) =>
    json(201, { ...body, id: "n-1" }),
  );
  return defineApp({ name: "declared", functions: { api: http([create]) } }).functions.api.bind(undefined as never) as Handler;
}

/** The same POST /notes checking its body by hand, as the generated app did before its routes were declared. */
export function handCheckedRoute(): Handler {
  const api = http(() => [{ path: "/notes", methods: { POST: async (request) => json(201, { ...checkedNote(jsonBody(request)), id: "n-1" }) } }]);
  return defineApp({ name: "by-hand", functions: { api } }).functions.api.bind(undefined as never) as Handler;
}

function jsonBody(request: HttpRequest): unknown {
  if (!/^application\/json\b/.test(request.headers["content-type"] ?? "")) throw new Problem("unsupported-media-type", "Send the body as application/json.");
  try {
    return JSON.parse(Buffer.from(request.body ?? new Uint8Array()).toString("utf8"));
  } catch {
    throw new Problem("malformed-json", "The body is not valid JSON.");
  }
}

function checkedNote(body: unknown): { owner: string; text: string; expiresAt?: string } {
  const given = (body && typeof body === "object" && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const field of Object.keys(given)) if (!["owner", "text", "expiresAt"].includes(field)) errors.push({ path: `/${field}`, message: "unknown field" });
  if (typeof given.owner !== "string" || !OWNER.test(given.owner)) errors.push({ path: "/owner", message: "must be 1-64 of A-Z a-z 0-9 . _ -" });
  if (typeof given.text !== "string" || given.text.length < 1 || given.text.length > 1000) errors.push({ path: "/text", message: "must be 1-1000 characters" });
  const { expiresAt } = given;
  if (expiresAt !== undefined && (typeof expiresAt !== "string" || !DATE_TIME.test(expiresAt)))
    errors.push({ path: "/expiresAt", message: "must be an ISO 8601 date-time with an offset" });
  if (errors.length > 0) throw new Problem("validation", "The request is not valid.", errors);
  return { owner: given.owner as string, text: given.text as string, ...(expiresAt !== undefined && { expiresAt: expiresAt as string }) };
}
