import type { Env } from "../config/env.js";
import { isProblemBase, PROBLEM_BASE_RULE, readProblemBase } from "../config/problem-base.js";
import { AppProblem, PROBLEMS, type FieldError, type ProblemDefinition } from "../http/problem.js";
import { AppDeclarationError } from "./declaration.js";

const KIND = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * RFC 9457 4.2.1 keeps `about:blank` for problems with no meaning beyond their status, which a
 * named kind has; a kind with no resolvable URI gets a non-resolvable one, a tag URI (RFC 4151)
 * as RFC 9457 3.1.1 allows, minted by the framework and out of its https domain.
 */
export const UNRESOLVABLE_PROBLEM_BASE = "tag:skyport.dev,2026:app-problems/";

/** An app's own problem kinds, checked where declared; `at(env)` gives the ones its routes throw. */
export interface ProblemsDeclaration<K extends string> {
  kind: "problems";
  kinds: Readonly<Record<K, ProblemDefinition>>;
  /** The base the app declared, used when SKYPORT_PROBLEM_BASE is unset. */
  base?: string;
  /** The kinds under this instance's base: SKYPORT_PROBLEM_BASE (a bad one fails the start), else the declared one. */
  at(env: Env): AppProblems<K>;
}

/** The app's problem kinds under the base the instance runs with. */
export interface AppProblems<K extends string> {
  /** Each kind with its status, title and `type` URI: what the app's /openapi.json lists. */
  kinds: Readonly<Record<K, ProblemDefinition & { type: string }>>;
  /** The `type` URI of `kind`. */
  type(kind: K): string;
  /** A problem of the app's `kind`, to throw from a route: problem+json like the framework's own. */
  problem(kind: K, detail: string, errors?: FieldError[], headers?: Record<string, string>, cause?: unknown): AppProblem;
}

/**
 * Declares an app's problem kinds beside the framework's: `problems({ "note-locked": { status:
 * 409, title: "Note locked" } }, { base: "https://example.com/problems/" })`. Each kind is
 * kebab-case, its status 4xx or 5xx, and no framework kind is redeclared.
 */
export function problems<K extends string>(kinds: Record<K, ProblemDefinition>, options: { base?: string } = {}): ProblemsDeclaration<K> {
  for (const [kind, { status, title }] of Object.entries<ProblemDefinition>(kinds)) {
    if (!KIND.test(kind)) throw new AppDeclarationError(`problem kind ${JSON.stringify(kind)}: kebab-case, a-z and 0-9 words joined by -`);
    if (kind in PROBLEMS) throw new AppDeclarationError(`problem kind ${JSON.stringify(kind)} is the framework's own; name the app's kind otherwise`);
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new AppDeclarationError(`problem kind ${kind}: status ${status} is not 4xx or 5xx`);
    if (typeof title !== "string" || title.trim() === "") throw new AppDeclarationError(`problem kind ${kind} has no title`);
  }
  if (options.base !== undefined && !isProblemBase(options.base))
    throw new AppDeclarationError(`problem base ${JSON.stringify(options.base)}: ${PROBLEM_BASE_RULE}`);
  const declared = Object.freeze({ ...kinds });
  return Object.freeze({
    kind: "problems" as const,
    kinds: declared,
    ...(options.base !== undefined && { base: options.base }),
    at(env: Env): AppProblems<K> {
      const base = readProblemBase(env) ?? options.base ?? UNRESOLVABLE_PROBLEM_BASE;
      const type = (kind: K) => base + kind;
      const typed = Object.fromEntries(Object.entries<ProblemDefinition>(declared).map(([kind, definition]) => [kind, { ...definition, type: base + kind }]));
      return {
        kinds: typed as Record<K, ProblemDefinition & { type: string }>,
        type,
        problem: (kind, detail, errors, headers, cause) => new AppProblem(kind, { ...declared[kind], type: type(kind) }, detail, errors, headers, cause),
      };
    },
  });
}
