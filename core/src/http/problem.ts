import type { HttpResponse } from "../function/http.js";

/** One broken rule: `path` is a JSON Pointer into the body, or a query parameter or header name. */
export interface FieldError {
  path: string;
  message: string;
}

/** The base URI of Skyport's own problem types (`<base>validation`), the same on every cloud. */
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

/** What a kind of problem answers with: its status and its title, the same for every instance. */
export interface ProblemDefinition {
  status: number;
  title: string;
}

/**
 * Stops the capture of a stack for a 4xx problem, until the caller restores the limit it returns:
 * such a problem is an answer to the caller, not a fault, its stack is never logged, and capturing
 * one was most of an invalid request's cost. A 5xx problem (or one of unknown status) keeps its stack.
 */
function withoutStackFor(status: number | undefined): number {
  const limit = Error.stackTraceLimit;
  if (status !== undefined && status < 500) Error.stackTraceLimit = 0;
  return limit;
}

/** An error that answers as application/problem+json (RFC 9457). */
export class Problem extends Error {
  /** The framework's kind, or an app's own (an `AppProblem`). */
  readonly kind: string;

  constructor(
    kind: ProblemKind,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    /** What went wrong inside, for the log (a 5xx problem is logged with it); never in the answer. */
    cause?: unknown,
  ) {
    const limit = withoutStackFor((PROBLEMS as Record<string, ProblemDefinition | undefined>)[kind]?.status);
    super(detail, cause === undefined ? undefined : { cause });
    Error.stackTraceLimit = limit;
    this.name = "Problem";
    this.kind = kind;
  }

  get status(): number {
    return this.definition.status;
  }

  /** The kind's status and title. */
  protected get definition(): ProblemDefinition {
    return PROBLEMS[this.kind as ProblemKind];
  }

  /** The kind's `type` URI: the framework's kinds sit under its own base, whatever an app configures. */
  get type(): string {
    return PROBLEM_BASE + this.kind;
  }

  toResponse(): HttpResponse {
    const { status, title } = this.definition;
    const body: Record<string, unknown> = { type: this.type, title, status, detail: this.detail };
    if (this.errors) body.errors = this.errors;
    return {
      status,
      headers: { "content-type": "application/problem+json", ...this.headers },
      body: JSON.stringify(body),
    };
  }
}

/** A problem of a kind the app declared (`problems(...)`): its status, title and `type` URI are the app's. */
export class AppProblem extends Problem {
  constructor(
    kind: string,
    private readonly declared: ProblemDefinition & { type: string },
    detail: string,
    errors?: FieldError[],
    headers: Record<string, string> = {},
    cause?: unknown,
  ) {
    // The base class names the framework's kinds; this one answers from its own declaration instead.
    const limit = withoutStackFor(declared.status);
    super(kind as ProblemKind, detail, errors, headers, cause);
    Error.stackTraceLimit = limit;
  }

  protected override get definition(): ProblemDefinition {
    return this.declared;
  }

  override get type(): string {
    return this.declared.type;
  }
}

export function invalid(errors: FieldError[], detail = "The request is not valid."): Problem {
  return new Problem("validation", detail, errors);
}
