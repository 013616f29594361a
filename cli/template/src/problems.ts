import { problems } from "@skyport/core";

/**
 * The app's own problem kinds, beside the framework's: each answers as RFC 9457 problem+json, its
 * `type` under SKYPORT_PROBLEM_BASE (an https URL ending in "/", where you document them), or
 * under `problems(..., { base })` given here, or else a tag: URI.
 */
export const noteProblems = /* @__PURE__ */ problems({
  "note-owner-fixed": { status: 409, title: "A note keeps its owner" },
});

export type NoteProblemKind = keyof typeof noteProblems.kinds;
