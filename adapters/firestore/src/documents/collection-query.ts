import type { CollectionReference, Query } from "@google-cloud/firestore";
import type { CollectionDeclaration, KeyShape, Position, QueryPlan, SortCondition } from "@skyport/core";
import { keyField } from "./stored-document.js";

/**
 * The fields a query on `shape` orders by: its sort field, then the primary key's fields to order
 * equal sort values, leaving out the partition field it filters on (equal on every document read).
 */
export function orderFields(declaration: CollectionDeclaration<unknown>, shape: KeyShape): string[] {
  const fields = [shape.sort, declaration.key.partition, declaration.key.sort].filter((field): field is string => field !== undefined);
  return [...new Set(fields)].filter((field) => field !== shape.partition);
}

/** The least string above every string that starts with `prefix` (code point order), or undefined when there is none. */
export function prefixEnd(prefix: string): string | undefined {
  const points = [...prefix].map((character) => character.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < 0x10ffff) {
      // Skip the surrogates: they are no code points of their own in UTF-8, Firestore's order.
      points.push(last === 0xd7ff ? 0xe000 : last + 1);
      return String.fromCodePoint(...points);
    }
  }
  return undefined;
}

function sortFilters(query: Query, field: string, condition: SortCondition | undefined): Query {
  if (condition === undefined) return query;
  if ("beginsWith" in condition) {
    // Exact in UTF-8 byte order, also past U+FFFF: [prefix, prefix with its last code point raised).
    const end = prefixEnd(condition.beginsWith);
    const from = query.where(field, ">=", condition.beginsWith);
    return end === undefined ? from : from.where(field, "<", end);
  }
  if ("between" in condition) return query.where(field, ">=", condition.between[0]).where(field, "<=", condition.between[1]);
  if ("gt" in condition) return query.where(field, ">", condition.gt);
  if ("gte" in condition) return query.where(field, ">=", condition.gte);
  if ("lt" in condition) return query.where(field, "<", condition.lt);
  return query.where(field, "<=", condition.lte);
}

/**
 * One partition of the key or an index in the plan's order, after `after` (a keyset position):
 * the partition field equal, the sort condition, ORDER BY the sort field then the primary key,
 * all in the plan's direction. Firestore orders strings by their UTF-8 bytes, that is code point
 * order. A document without the fields is in no such query: Firestore leaves out a document that
 * lacks a field it filters or orders by.
 */
export function partitionQuery(
  collection: CollectionReference,
  declaration: CollectionDeclaration<unknown>,
  plan: QueryPlan,
  after: Position | undefined,
  limit: number,
): Query {
  const direction = plan.descending ? "desc" : "asc";
  const order = orderFields(declaration, plan.shape);
  let query: Query = collection.where(keyField(plan.shape.partition), "==", plan.partition);
  if (plan.shape.sort !== undefined) query = sortFilters(query, keyField(plan.shape.sort), plan.condition);
  for (const field of order) query = query.orderBy(keyField(field), direction);
  if (after !== undefined && order.length > 0) {
    query = query.startAfter(...order.map((field) => (field === plan.shape.sort ? after.sort : after.key[field])));
  }
  return query.limit(limit);
}
