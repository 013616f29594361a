import { PROBLEM_BASE, PROBLEMS, type ProblemKind } from "../http/problem.js";

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
export function problemResponse(kinds: readonly ProblemKind[]) {
  const headers: Record<string, unknown> = { "x-request-id": { $ref: "#/components/headers/RequestId" } };
  for (const kind of kinds) {
    for (const [name, description] of Object.entries(PROBLEM_HEADERS[kind] ?? {})) headers[name] = { description, schema: { type: "string" } };
  }
  return {
    description: kinds.map((kind) => PROBLEMS[kind].title).join("; "),
    headers,
    content: {
      "application/problem+json": {
        schema: {
          allOf: [{ $ref: "#/components/schemas/Problem" }, { properties: { type: { enum: kinds.map((kind) => PROBLEM_BASE + kind) } } }],
        },
      },
    },
  };
}

/** The problems of one operation, keyed by status: a component reference where one kind has the status, else one response for all. */
export function problemResponses(kinds: readonly ProblemKind[]): Record<string, unknown> {
  const byStatus = new Map<number, ProblemKind[]>();
  for (const kind of kinds) byStatus.set(PROBLEMS[kind].status, [...(byStatus.get(PROBLEMS[kind].status) ?? []), kind]);
  return Object.fromEntries(
    [...byStatus].map(([status, same]) => [String(status), same.length === 1 ? { $ref: `#/components/responses/${same[0]}` } : problemResponse(same)]),
  );
}

/** Every problem kind as a reusable response: `method-not-allowed` is only here, as no operation can answer it. */
export function problemComponents(): Record<string, unknown> {
  return Object.fromEntries((Object.keys(PROBLEMS) as ProblemKind[]).map((kind) => [kind, problemResponse([kind])]));
}
