import { fieldsOf, type CollectionDeclaration, type Position, type SortCondition } from "@skyport/core";

/**
 * Cosmos DB compares strings by its own rules (the local server by JavaScript's UTF-16 order), but
 * the port promises code point order: every sort field is stored as the hex of its UTF-8 bytes,
 * which sorts the same under any string order, and each part ends with "." so that a shorter value
 * sorts before a longer one it begins ("." < "0"), whatever follows it.
 */
const hexOf = (value: string) => Buffer.from(value, "utf8").toString("hex");

/** After every key that starts with hex(value) followed by ".": "." < "/" < "0". */
const AFTER_VALUE = "/";

/**
 * Where a position sorts in the key or index a plan reads, as one string: the primary key's own order
 * is its sort value (the partition is fixed); an index's is its sort value, then the primary key.
 */
export function orderKey(declaration: CollectionDeclaration<unknown>, index: string | undefined, position: Position): string {
  const parts =
    index === undefined
      ? [position.sort ?? ""]
      : [...(position.sort === undefined ? [] : [position.sort]), ...fieldsOf(declaration.key).map((field) => position.key[field]!)];
  return parts.map((part) => `${hexOf(part)}.`).join("");
}

/** A sort condition as SQL on an order key (whose first part is the sort value), with its parameters. */
export function orderCondition(path: string, condition: SortCondition): { sql: string; parameters: { name: string; value: string }[] } {
  const bound = (name: string, value: string) => ({ name, value });
  if ("beginsWith" in condition) return { sql: `STARTSWITH(${path}, @from)`, parameters: [bound("@from", hexOf(condition.beginsWith))] };
  if ("between" in condition) {
    const [low, high] = condition.between;
    return { sql: `${path} >= @from AND ${path} < @to`, parameters: [bound("@from", hexOf(low)), bound("@to", hexOf(high) + AFTER_VALUE)] };
  }
  if ("gt" in condition) return { sql: `${path} > @from`, parameters: [bound("@from", hexOf(condition.gt) + AFTER_VALUE)] };
  if ("gte" in condition) return { sql: `${path} >= @from`, parameters: [bound("@from", hexOf(condition.gte))] };
  if ("lt" in condition) return { sql: `${path} < @to`, parameters: [bound("@to", hexOf(condition.lt))] };
  return { sql: `${path} < @to`, parameters: [bound("@to", hexOf(condition.lte) + AFTER_VALUE)] };
}

/** The value a primary key's order key holds (its one part): for a change feed that names documents by their key. */
export function sortValueOf(key: string): string {
  return Buffer.from(key.slice(0, -1), "hex").toString("utf8");
}
