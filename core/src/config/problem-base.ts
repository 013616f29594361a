import { envReader, type Env } from "./env.js";

/** An absolute https URL ending in "/": each kind's name is appended to it. */
const PROBLEM_BASE_URL = /^https:\/\/[^\s/?#]+(\/[^\s?#]*)?\/$/;
export const PROBLEM_BASE_RULE = 'an absolute https URL ending in "/" (e.g. https://example.com/problems/)';

/** Whether `base` can hold an app's problem `type` URIs. */
export function isProblemBase(base: string): boolean {
  return PROBLEM_BASE_URL.test(base);
}

/**
 * SKYPORT_PROBLEM_BASE: where the app's own problem kinds' `type` URIs sit (the framework's
 * kinds keep https://skyport.dev/problems/). Unset: the base the app declared, if any.
 */
export function readProblemBase(env: Env): string | undefined {
  const base = envReader(env).optional("SKYPORT_PROBLEM_BASE");
  return base === undefined ? undefined : envReader(env).string("SKYPORT_PROBLEM_BASE", undefined, PROBLEM_BASE_URL, PROBLEM_BASE_RULE);
}
