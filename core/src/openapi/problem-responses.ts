import { PROBLEM_BASE, PROBLEMS, type ProblemDefinition, type ProblemKind } from "../http/problem.js";

/** The problem kinds a document can name, each with its status, title and `type` URI: the framework's, and an app's own. */
export type ProblemCatalog = Readonly<Record<string, ProblemDefinition & { type: string }>>;

/** The framework's kinds, under its own base. */
export const FRAMEWORK_PROBLEMS: ProblemCatalog = Object.fromEntries(
  (Object.keys(PROBLEMS) as ProblemKind[]).map((kind) => [kind, { ...PROBLEMS[kind], type: PROBLEM_BASE + kind }]),
);

/** The headers a problem of a kind carries besides `x-request-id`. */
const PROBLEM_HEADERS: Partial<Record<ProblemKind, Record<string, string>>> = {
  "method-not-allowed": { Allow: "The methods the path allows." },
  unauthorized: { "WWW-Authenticate": 'Bearer, or Bearer error="invalid_token" when a token was sent and refused.' },
  unavailable: { "Retry-After": "Seconds to wait before trying again." },
};

export const PROBLEM_SCHEMA = {
  type: "object",
  description: "RFC 9457 problem details; `errors` for a validation problem.",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: { type: "string", format: "uri", description: `${PROBLEM_BASE}<kind>, the same on every cloud.` },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["path", "message"],
        properties: {
          path: { type: "string", description: "A JSON Pointer into the body, or the query parameter's or header's name." },
          message: { type: "string" },
        },
      },
    },
  },
} as const;

export const REQUEST_ID_HEADER = {
  description: "The request's id: the caller's x-request-id when it is 1-128 characters of [A-Za-z0-9._-], else a new one.",
  schema: { type: "string", pattern: "^[A-Za-z0-9._-]{1,128}$" },
} as const;

/** One response for the problems that share a status: problem+json whose `type` names one of them. */
export function problemResponse(kinds: readonly string[], catalog: ProblemCatalog = FRAMEWORK_PROBLEMS) {
  const headers: Record<string, unknown> = { "x-request-id": { $ref: "#/components/headers/RequestId" } };
  for (const kind of kinds) {
    for (const [name, description] of Object.entries(PROBLEM_HEADERS[kind as ProblemKind] ?? {})) headers[name] = { description, schema: { type: "string" } };
  }
  return {
    description: kinds.map((kind) => known(catalog, kind).title).join("; "),
    headers,
    content: {
      "application/problem+json": {
        schema: {
          allOf: [{ $ref: "#/components/schemas/Problem" }, { properties: { type: { enum: kinds.map((kind) => known(catalog, kind).type) } } }],
        },
      },
    },
  };
}

/** The problems of one operation, keyed by status: a component reference where one kind has the status, else one response for all. */
export function problemResponses(kinds: readonly string[], catalog: ProblemCatalog = FRAMEWORK_PROBLEMS): Record<string, unknown> {
  const byStatus = new Map<number, string[]>();
  for (const kind of kinds) byStatus.set(known(catalog, kind).status, [...(byStatus.get(known(catalog, kind).status) ?? []), kind]);
  return Object.fromEntries(
    [...byStatus].map(([status, same]) => [String(status), same.length === 1 ? { $ref: `#/components/responses/${same[0]}` } : problemResponse(same, catalog)]),
  );
}

/** Every problem kind as a reusable response: `method-not-allowed` is only here, as no operation can answer it. */
export function problemComponents(catalog: ProblemCatalog = FRAMEWORK_PROBLEMS): Record<string, unknown> {
  return Object.fromEntries(Object.keys(catalog).map((kind) => [kind, problemResponse([kind], catalog)]));
}

/** The kind's entry, or an error naming it: an operation may only answer a kind the framework or the app declares. */
export function known(catalog: ProblemCatalog, kind: string): ProblemDefinition & { type: string } {
  const entry = Object.hasOwn(catalog, kind) ? catalog[kind] : undefined;
  if (!entry) throw new Error(`problem kind ${JSON.stringify(kind)} is neither the framework's nor one the app declares with problems({...})`);
  return entry;
}
