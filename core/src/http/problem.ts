import type { HttpResponse } from "../function/http.js";

/** One broken rule: `path` is a JSON Pointer into the body, or a query parameter or header name. */
export interface FieldError {
  path: string;
  message: string;
}

export const PROBLEM_BASE = "https://skyport.dev/problems/";

/** The kinds of problem this service reports; each has one `type` URI on every cloud. */
export const PROBLEMS = {
  "malformed-json": { status: 400, title: "Malformed JSON" },
  validation: { status: 400, title: "Validation failed" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  "not-found": { status: 404, title: "Not found" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  "idempotency-in-flight": { status: 409, title: "Request with this Idempotency-Key is in progress" },
  "precondition-failed": { status: 412, title: "Precondition failed" },
  "payload-too-large": { status: 413, title: "Payload too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "idempotency-mismatch": { status: 422, title: "Idempotency-Key reused with a different body" },
  internal: { status: 500, title: "Internal error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

/** An error that answers as application/problem+json (RFC 9457). */
export class Problem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    /** What went wrong inside, for the log (a 5xx problem is logged with it); never in the answer. */
    cause?: unknown,
  ) {
    super(detail, cause === undefined ? undefined : { cause });
    this.name = "Problem";
  }

  get status(): number {
    return PROBLEMS[this.kind].status;
  }

  toResponse(): HttpResponse {
    const { status, title } = PROBLEMS[this.kind];
    const body: Record<string, unknown> = { type: PROBLEM_BASE + this.kind, title, status, detail: this.detail };
    if (this.errors) body.errors = this.errors;
    return {
      status,
      headers: { "content-type": "application/problem+json", ...this.headers },
      body: JSON.stringify(body),
    };
  }
}

export function invalid(errors: FieldError[], detail = "The request is not valid."): Problem {
  return new Problem("validation", detail, errors);
}
