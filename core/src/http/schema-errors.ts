import type { FieldError } from "./problem.js";

/** One error of an Ajv validator (compiled ahead of time or at run time): where, which keyword, and its own words. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: { missingProperty?: string; additionalProperty?: string };
  message?: string;
}

/** A validation function as Ajv compiles it: true, or false with `errors` (every one: `allErrors`). */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** The part of a JSON Schema that words its errors: `x-error-message` at any level. */
export interface MessageSchema {
  "x-error-message"?: string;
  properties?: Record<string, MessageSchema>;
  items?: MessageSchema;
}

/**
 * Ajv's errors as the API reports them: a missing or unknown field at its own path, one error
 * per path (a field with two broken keywords is one mistake), none below a path already wrong
 * (an over-long item list is one error, not one per item), worded by the schema's x-error-message
 * (else "is required", "unknown field" or Ajv's own words), in the schema's order: at each level
 * unknown fields first, then the declared ones as declared.
 */
export function fieldErrors(errors: readonly SchemaError[], schema: MessageSchema): FieldError[] {
  // Ajv's words for a path, used where the schema has no x-error-message there.
  const byPath = new Map<string, string>();
  const unknown = new Set<string>();
  for (const error of errors) {
    const { missingProperty, additionalProperty } = error.params;
    if (error.keyword === "additionalProperties" && additionalProperty !== undefined) {
      const path = `${error.instancePath}/${pointerEscape(additionalProperty)}`;
      byPath.set(path, "unknown field");
      unknown.add(path);
      continue;
    }
    const missing = error.keyword === "required" && missingProperty !== undefined;
    const path = missing ? `${error.instancePath}/${pointerEscape(missingProperty)}` : error.instancePath;
    if (!byPath.has(path)) byPath.set(path, missing ? "is required" : (error.message ?? "is not valid"));
  }
  return [...byPath.keys()]
    .filter((path) => !hasWrongAncestor(byPath, path))
    .map((path) => ({ path, ...locate(schema, path) }))
    .sort((a, b) => compareRanks(a.rank, b.rank))
    .map(({ path, message }) => ({ path, message: unknown.has(path) ? "unknown field" : (message ?? byPath.get(path)!) }));
}

/** Whether a path lies below another that is already wrong: a walk up its few segments, not a search of every error. */
function hasWrongAncestor(wrong: ReadonlyMap<string, unknown>, path: string): boolean {
  for (let end = path.lastIndexOf("/"); end > 0; end = path.lastIndexOf("/", end - 1)) if (wrong.has(path.slice(0, end))) return true;
  return path !== "" && wrong.has("");
}

/** Each schema's properties by name with their place, built once: schemas are constants. */
const PLACES = new WeakMap<object, Map<string, { place: number; schema: MessageSchema }>>();

function placesOf(properties: Record<string, MessageSchema>): Map<string, { place: number; schema: MessageSchema }> {
  let places = PLACES.get(properties);
  if (!places) {
    places = new Map(Object.entries(properties).map(([name, schema], i) => [name, { place: i + 1, schema }]));
    PLACES.set(properties, places);
  }
  return places;
}

/**
 * The schema's message for a path (undefined where it has none), and where the path sits in the
 * schema: per segment, 0 for an unknown field, else its place among the properties, or the item's index.
 */
function locate(schema: MessageSchema, path: string): { message: string | undefined; rank: number[] } {
  const rank: number[] = [];
  let at: MessageSchema | undefined = schema;
  for (const segment of path.split("/").slice(1)) {
    if (at?.properties) {
      const found = placesOf(at.properties).get(segment.includes("~") ? segment.replaceAll("~1", "/").replaceAll("~0", "~") : segment);
      rank.push(found?.place ?? 0);
      at = found?.schema;
    } else {
      rank.push(Number(segment));
      at = at?.items;
    }
  }
  return { message: at?.["x-error-message"], rank };
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function pointerEscape(key: string): string {
  return /[~/]/.test(key) ? key.replaceAll("~", "~0").replaceAll("/", "~1") : key;
}
