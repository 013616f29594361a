import { createHash } from "node:crypto";
import { canonicalJson } from "../json/canonical-json.js";
import { InvalidCursor, InvalidQuery } from "../ports/errors.js";
import type { DocumentKey, Query, SortCondition } from "./collection.js";
import type { CollectionDeclaration, KeyShape } from "./declaration.js";
import { compareKeys, fieldsOf, keyOf } from "./rules.js";

/** A query's page size when it gives no `limit`. */
export const DEFAULT_QUERY_LIMIT = 100;
/** The largest `limit` a query may ask for. */
export const MAX_QUERY_LIMIT = 1000;

/** Where a page ends: the last item's sort value (of the key or index read) and its primary key. */
export interface Position {
  sort?: string;
  key: DocumentKey;
}

/** A query checked against the declaration: what a store runs. */
export interface QueryPlan {
  /** The declared index read, or undefined for the primary key. */
  index?: string;
  /** The key or index read: its partition field and its sort field. */
  shape: KeyShape;
  partition: string;
  condition?: SortCondition;
  limit: number;
  descending: boolean;
  /** The cursor's position, decoded: `decodePosition` for stores that page by keyset, `decodeCursor` for others. */
  cursor?: string;
  /** What a cursor is bound to: the collection and every parameter but the limit. */
  scope: string;
}

const CONDITIONS = ["beginsWith", "between", "gt", "gte", "lt", "lte"] as const;

/** Checks a query against its collection's declaration; anything the port does not allow is an `InvalidQuery`. */
export function planQuery(declaration: CollectionDeclaration<unknown>, query: Query): QueryPlan {
  const { index } = query;
  const shape = index === undefined ? declaration.key : declaration.indexes[index];
  if (shape === undefined) throw new InvalidQuery(`${declaration.name} has no index ${JSON.stringify(index)}`);
  const where = Object.entries(query.where ?? {});
  const [field, partition] = where[0] ?? [];
  if (where.length !== 1 || field !== shape.partition || typeof partition !== "string" || partition === "") {
    throw new InvalidQuery(`where must give ${shape.partition} (the partition field of ${index ?? "the key"}) as a non-empty string, and nothing else`);
  }
  const limit = query.limit ?? DEFAULT_QUERY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) throw new InvalidQuery(`limit must be an integer from 1 to ${MAX_QUERY_LIMIT}`);
  const condition = query.sort === undefined ? undefined : checkCondition(query.sort, shape, index);
  const descending = query.descending === true;
  const scope = canonicalJson({ collection: declaration.name, index: index ?? null, partition, condition: condition ?? null, descending });
  return {
    ...(index !== undefined && { index }),
    shape,
    partition,
    ...(condition && { condition }),
    limit,
    descending,
    ...(query.cursor !== undefined && { cursor: query.cursor }),
    scope,
  };
}

function checkCondition(sort: SortCondition, shape: KeyShape, index: string | undefined): SortCondition {
  if (shape.sort === undefined) throw new InvalidQuery(`${index ?? "the key"} has no sort field to put a condition on`);
  const names = Object.keys(sort);
  const name = names[0] as (typeof CONDITIONS)[number];
  if (names.length !== 1 || !CONDITIONS.includes(name)) throw new InvalidQuery(`sort is one of ${CONDITIONS.join(", ")}`);
  const operand = (sort as Record<string, unknown>)[name];
  const strings = name === "between" ? (Array.isArray(operand) && operand.length === 2 ? operand : [undefined]) : [operand];
  if (!strings.every((s) => typeof s === "string")) throw new InvalidQuery(`sort.${name} takes ${name === "between" ? "two strings" : "a string"}`);
  return sort;
}

/** Whether a sort value meets the condition, in code point order (`between` is inclusive). */
export function meetsCondition(condition: SortCondition | undefined, value: string): boolean {
  if (condition === undefined) return true;
  if ("beginsWith" in condition) return value.startsWith(condition.beginsWith);
  if ("between" in condition) return compareKeys(value, condition.between[0]) >= 0 && compareKeys(value, condition.between[1]) <= 0;
  if ("gt" in condition) return compareKeys(value, condition.gt) > 0;
  if ("gte" in condition) return compareKeys(value, condition.gte) >= 0;
  if ("lt" in condition) return compareKeys(value, condition.lt) < 0;
  return compareKeys(value, condition.lte) <= 0;
}

/** Whether a stored value belongs to the partition the plan reads (a document without an index's fields is not in that index). */
export function inPartition(plan: QueryPlan, value: unknown): boolean {
  const fields = value as Record<string, unknown>;
  if (fields[plan.shape.partition] !== plan.partition) return false;
  if (plan.shape.sort === undefined) return true;
  const sort = fields[plan.shape.sort];
  return typeof sort === "string" && meetsCondition(plan.condition, sort);
}

/** A value's position in the order a plan reads: its sort value, then its primary key. */
export function positionOf(declaration: CollectionDeclaration<unknown>, plan: QueryPlan, value: unknown): Position {
  const key = keyOf(declaration, value);
  return plan.shape.sort === undefined ? { key } : { sort: (value as Record<string, string>)[plan.shape.sort]!, key };
}

/** Ascending order of positions: the sort value, then the primary key's fields, each in code point order. */
export function comparePositions(declaration: CollectionDeclaration<unknown>, a: Position, b: Position): number {
  if (a.sort !== undefined && b.sort !== undefined) {
    const bySort = compareKeys(a.sort, b.sort);
    if (bySort !== 0) return bySort;
  }
  for (const field of fieldsOf(declaration.key)) {
    const byField = compareKeys(a.key[field]!, b.key[field]!);
    if (byField !== 0) return byField;
  }
  return 0;
}

/** The opaque cursor after `position` for a plan's scope, with a check over both. */
export function encodeCursor(scope: string, position: unknown): string {
  const payload = Buffer.from(JSON.stringify(position)).toString("base64url");
  return `${payload}.${checkOf(scope, payload)}`;
}

/** The position in a cursor made for this scope; a garbled, changed or foreign cursor is an `InvalidCursor`. */
export function decodeCursor(scope: string, cursor: string): unknown {
  const [payload, check, extra] = typeof cursor === "string" ? cursor.split(".") : [];
  if (!payload || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(payload) || check !== checkOf(scope, payload)) {
    throw new InvalidCursor("the cursor was not made by this query");
  }
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursor("the cursor was not made by this query");
  }
}

/** A keyset cursor's position, checked to be one for this collection and plan. */
export function decodePosition(declaration: CollectionDeclaration<unknown>, plan: QueryPlan): Position | undefined {
  if (plan.cursor === undefined) return undefined;
  const position = decodeCursor(plan.scope, plan.cursor) as Partial<Position> | null;
  const strings = (fields: string[], object: unknown) =>
    object !== null && typeof object === "object" && fields.every((field) => typeof (object as Record<string, unknown>)[field] === "string");
  const sortOk = plan.shape.sort === undefined ? position?.sort === undefined : typeof position?.sort === "string";
  if (!position || !sortOk || !strings(fieldsOf(declaration.key), position.key)) throw new InvalidCursor("the cursor was not made by this query");
  return position as Position;
}

/** Whether `position` comes after the cursor's in the plan's direction. */
export function afterCursor(declaration: CollectionDeclaration<unknown>, plan: QueryPlan, cursor: Position | undefined, position: Position): boolean {
  if (cursor === undefined) return true;
  const order = comparePositions(declaration, position, cursor);
  return plan.descending ? order < 0 : order > 0;
}

function checkOf(scope: string, payload: string): string {
  return createHash("sha256")
    .update(JSON.stringify(["skyport-cursor", scope, payload]))
    .digest("base64url")
    .slice(0, 22);
}
