import { compareKeys, fieldsOf, MAX_KEY_BYTES, type CollectionDeclaration, type Position, type QueryPlan } from "@skyport/core";
import { indexSortKey, lowerBoundOf, upperBoundOf } from "./index-sort-key.js";

/**
 * What a Query's key condition asks of the sort attribute: an inclusive range or a prefix, never
 * narrower than the query (the query filters exactly what comes back), or `empty` when nothing can
 * match, since DynamoDB refuses an empty string, a reversed BETWEEN or a bound over 1024 bytes.
 */
export type SortRange = { empty: true } | { empty?: false; lowest?: string; highest?: string; prefix?: string };

type Bound = string | undefined | "empty";

/** Bounds on the stored sort attribute: the raw sort field on the table, the index sort key on an index. */
interface Bounds {
  lower(value: string): Bound;
  /** Above `value` (for gt): the lowest stored value a greater sort value can have. */
  above(value: string): Bound;
  upper(value: string): Bound;
  /** Below `value` (for lt). */
  below(value: string): Bound;
  prefix(value: string): Bound;
  /** The stored value of the cursor's item. */
  cursor(position: Position): string;
}

/** The longest prefix of whole code points within `bytes`: a lower bound of the value. */
function bytePrefix(value: string, bytes: number): string {
  let end = 0;
  let size = 0;
  for (const char of value) {
    size += Buffer.byteLength(char, "utf8");
    if (size > bytes) break;
    end += char.length;
  }
  return value.slice(0, end);
}

const fits = (value: string) => Buffer.byteLength(value, "utf8") <= MAX_KEY_BYTES;

function tableBounds(): Bounds {
  // Stored values are the raw sort values: non-empty, at most 1024 bytes.
  const lower = (value: string): Bound => (value === "" ? undefined : bytePrefix(value, MAX_KEY_BYTES));
  const upper = (value: string): Bound => (value === "" ? "empty" : fits(value) ? value : undefined);
  return {
    lower,
    above: lower,
    upper,
    below: upper,
    prefix: (value) => (value === "" ? undefined : fits(value) ? value : "empty"),
    cursor: (position) => position.sort ?? "",
  };
}

function indexBounds(declaration: CollectionDeclaration<unknown>): Bounds {
  const lower = (value: string): Bound => (value === "" ? undefined : lowerBoundOf(value));
  return {
    lower,
    above: (value) => upperBoundOf(value),
    upper: (value) => upperBoundOf(value),
    below: (value) => (value === "" ? "empty" : lowerBoundOf(value)),
    prefix: lower,
    cursor: (position) =>
      indexSortKey(
        position.sort,
        fieldsOf(declaration.key).map((field) => position.key[field]!),
      ),
  };
}

/** The range a query reads: its sort condition, narrowed to start at the cursor's item (read again, then left out). */
export function sortRange(declaration: CollectionDeclaration<unknown>, plan: QueryPlan, cursor: Position | undefined): SortRange {
  if (plan.shape.sort === undefined && plan.index === undefined) return {};
  const bounds = plan.index === undefined ? tableBounds() : indexBounds(declaration);
  let lowest: Bound;
  let highest: Bound;
  let prefix: Bound;
  const condition = plan.condition;
  if (condition === undefined) {
    // No bound.
  } else if ("beginsWith" in condition) prefix = bounds.prefix(condition.beginsWith);
  else if ("between" in condition) [lowest, highest] = [bounds.lower(condition.between[0]), bounds.upper(condition.between[1])];
  else if ("gt" in condition) lowest = bounds.above(condition.gt);
  else if ("gte" in condition) lowest = bounds.lower(condition.gte);
  else if ("lt" in condition) highest = bounds.below(condition.lt);
  else highest = bounds.upper(condition.lte);
  if (lowest === "empty" || highest === "empty" || prefix === "empty") return { empty: true };
  if (cursor !== undefined) {
    // The cursor's item has this stored value, and every item after it at least (or at most) this one.
    const at = bounds.cursor(cursor);
    // A prefix and a range cannot go together in one key condition: the prefix becomes a lower bound, the read stops past it.
    if (prefix !== undefined) [lowest, prefix] = [prefix, undefined];
    if (plan.descending) {
      if (at === "") return { empty: true };
      if (fits(at) && (highest === undefined || compareKeys(at, highest) < 0)) highest = at;
    } else {
      const lower = bytePrefix(at, MAX_KEY_BYTES);
      if (lower !== "" && (lowest === undefined || compareKeys(lower, lowest) > 0)) lowest = lower;
    }
  }
  if (lowest !== undefined && highest !== undefined && compareKeys(lowest, highest) > 0) return { empty: true };
  return { ...(lowest !== undefined && { lowest }), ...(highest !== undefined && { highest }), ...(prefix !== undefined && { prefix }) };
}
