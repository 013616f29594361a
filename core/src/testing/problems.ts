import { expect } from "vitest";
import type { ContractResponse } from "./http-target.js";
import { LEAK_PATTERN } from "./leaks.js";

/** The base URI of the problem types the contracts expect (`<base>validation`). */
export const PROBLEM_TYPE_BASE = "https://skyport.dev/problems/";

/** Each kind of problem has one `type` URI on every cloud: the kinds each status may carry, the usual first. */
export const PROBLEM_KINDS: Readonly<Record<number, readonly string[]>> = {
  400: ["validation", "malformed-json"],
  401: ["unauthorized"],
  403: ["forbidden"],
  404: ["not-found"],
  405: ["method-not-allowed"],
  409: ["conflict", "idempotency-in-flight"],
  412: ["precondition-failed"],
  413: ["payload-too-large"],
  415: ["unsupported-media-type"],
  422: ["idempotency-mismatch"],
  500: ["internal"],
  503: ["unavailable"],
};

/** A problem+json body as the contracts read it (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * A problem+json answer as every cloud must give it: the status, the `type` of its kind (the
 * status's usual kind when none is named), the RFC 9457 fields, x-request-id, no internals.
 */
export function expectProblemResponse(response: ContractResponse, status: number, kind?: string): Problem {
  expect(response.status, response.body).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(response.headers["x-request-id"], "a problem carries x-request-id").toMatch(REQUEST_ID);
  const problem = JSON.parse(response.body) as Problem;
  expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  const kinds = PROBLEM_KINDS[status] ?? [];
  expect(kinds, `${kind ?? kinds[0]} is a kind of ${status}`).toContain(kind ?? kinds[0]);
  expect(problem.type).toBe(PROBLEM_TYPE_BASE + (kind ?? kinds[0]));
  for (const error of problem.errors ?? []) expect(error).toEqual({ path: expect.any(String), message: expect.stringMatching(/\S/) });
  expect(response.body).not.toMatch(LEAK_PATTERN);
  expect(response.body).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules|Error:/);
  return problem;
}

/** A problem of one of the kinds its status may carry, whichever: for fuzzed and generated requests. */
export function expectAnyProblemResponse(response: ContractResponse): Problem {
  const kinds = PROBLEM_KINDS[response.status];
  expect(kinds, `${response.status} is a status the contract names: ${response.body}`).toBeDefined();
  const kind = (JSON.parse(response.body) as Partial<Problem>).type?.slice(PROBLEM_TYPE_BASE.length) ?? "";
  return expectProblemResponse(response, response.status, kinds!.includes(kind) ? kind : kinds![0]);
}
