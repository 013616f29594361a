import type { Collection, DocumentKey, Versioned, WriteCondition } from "../collections/collection.js";
import type { HttpRequest, HttpResponse } from "../function/http.js";
import { DocumentExists, VersionConflict } from "../ports/errors.js";
import { parseEntityTags, type IfMatch } from "./conditions.js";
import { Problem } from "./problem.js";

/**
 * Conditional requests on any collection's documents (RFC 9110 13): the document's version is its
 * strong `ETag`; GET answers 304 to a matching `If-None-Match`; a write honours `If-Match` (412
 * when stale, and the version read passed as `ifVersion`, so the store refuses a lost update
 * atomically) and `If-None-Match: *` (create only: 412 if it exists).
 */

/** A document's version as a strong entity tag: any store's version (opaque, maybe quoted) in base64url, between quotes. */
export function versionTag(version: string): string {
  return `"${Buffer.from(version, "utf8").toString("base64url")}"`;
}

/** GET or HEAD: 304 with the `ETag` when `If-None-Match` lists the document's tag (weak comparison) or is `*`, else undefined. */
export function notModified(request: HttpRequest, found: Versioned<unknown>): HttpResponse | undefined {
  const ifNoneMatch = parseEntityTags(request.headers["if-none-match"], "If-None-Match");
  if (ifNoneMatch === undefined || !matches(ifNoneMatch, found.version, "weak")) return undefined;
  return { status: 304, headers: { etag: versionTag(found.version) } };
}

/**
 * The condition a write of the document `current` (as just read; undefined when absent) runs
 * under: 412 `precondition-failed` when `If-Match` or `If-None-Match` says no; `create` for
 * `If-None-Match: *`; otherwise the version read as `ifVersion` when `If-Match` was sent.
 */
export function writeCondition(request: HttpRequest, current: Versioned<unknown> | undefined): WriteCondition & { create?: true } {
  const ifMatch = parseEntityTags(request.headers["if-match"], "If-Match");
  const ifNoneMatch = parseEntityTags(request.headers["if-none-match"], "If-None-Match");
  if (ifMatch !== undefined) {
    if (!current || !matches(ifMatch, current.version, "strong")) throw stale(current);
  } else if (ifNoneMatch !== undefined && current && matches(ifNoneMatch, current.version, "weak")) {
    throw stale(current);
  }
  if (ifNoneMatch === "*") return { create: true };
  return ifMatch !== undefined && current ? { ifVersion: current.version } : {};
}

/**
 * PUT under the request's conditions: `replacement` makes the new document from the current one
 * (undefined when absent: a create); answers the document stored, and whether it was created.
 */
export async function putConditionally<T>(
  collection: Collection<T>,
  key: DocumentKey,
  request: HttpRequest,
  replacement: (current: T | undefined) => T,
): Promise<{ stored: Versioned<T>; created: boolean }> {
  const current = await collection.get(key);
  const { create, ...condition } = writeCondition(request, current);
  const value = replacement(current?.value);
  try {
    if (create) return { stored: await collection.create(value), created: true };
    return { stored: await collection.put(value, condition), created: current === undefined };
  } catch (error) {
    // Another write came between the read and this one.
    if (error instanceof DocumentExists || error instanceof VersionConflict) throw stale(undefined);
    throw error;
  }
}

/** DELETE under the request's conditions: whether the document was there. */
export async function deleteConditionally<T>(collection: Collection<T>, key: DocumentKey, request: HttpRequest): Promise<boolean> {
  const current = await collection.get(key);
  const { create: _, ...condition } = writeCondition(request, current);
  try {
    return await collection.delete(key, condition);
  } catch (error) {
    if (error instanceof VersionConflict) throw stale(undefined);
    throw error;
  }
}

function matches(tags: IfMatch, version: string, comparison: "strong" | "weak"): boolean {
  if (tags === "*") return true;
  const tag = versionTag(version);
  // A weak tag never matches strongly; weakly, W/"x" and "x" are the same tag.
  return tags.some((given) => (comparison === "weak" ? given.replace(/^W\//, "") : given) === tag);
}

function stale(current: Versioned<unknown> | undefined): Problem {
  return new Problem(
    "precondition-failed",
    current ? "The resource is not at the version the request names." : "The resource changed meanwhile, or does not exist.",
    undefined,
    current ? { etag: versionTag(current.version) } : undefined,
  );
}
