import { Problem, invalid } from "./problem.js";

export function etag(version: number): string {
  return `"${version}"`;
}

/** A parsed If-Match header: `*`, or the entity tags it lists. */
export type IfMatch = "*" | string[];

const ENTITY_TAG = /^(W\/)?"[\x21\x23-\x7E]*"$/;

/** 400 when the header is present but not a valid If-Match value. */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  return parseEntityTags(header, "If-Match");
}

/** An If-Match or If-None-Match header (the same grammar): 400 when present but not valid. */
export function parseEntityTags(header: string | undefined, name: "If-Match" | "If-None-Match"): IfMatch | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === "*") return "*";
  const tags = value.split(",").map((tag) => tag.trim());
  if (tags.some((tag) => !ENTITY_TAG.test(tag))) {
    throw invalid([{ path: name, message: 'must be "*" or a list of entity tags such as "3"' }]);
  }
  return tags;
}

/** Strong comparison (RFC 9110 13.1.1): a weak tag never matches; `*` matches any existing order. */
export function checkIfMatch(ifMatch: IfMatch | undefined, version: number): void {
  if (ifMatch === undefined || ifMatch === "*") return;
  if (!ifMatch.includes(etag(version))) {
    throw new Problem("precondition-failed", `The order is at version ${version}.`);
  }
}
