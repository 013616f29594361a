import type { SqlParameter, SqlQuerySpec } from "@azure/cosmos";
import { STORED_FIELDS, type CollectionDeclaration, type QueryPlan } from "@skyport/core";
import { queriedAttributes } from "./item.js";
import { orderCondition } from "./order-key.js";

/**
 * One page's query: the partition of the key or index, the sort condition and the keyset position on
 * the order key, live documents only (no tombstone, nothing expired), at most `top`. An index query orders by its partition first so
 * that its composite index serves filter and order together.
 */
export function itemQuery(declaration: CollectionDeclaration<unknown>, plan: QueryPlan, after: string | undefined, top: number, nowMs: number): SqlQuerySpec {
  const { partition, order } = queriedAttributes(declaration, plan.index);
  const where = [`c.${partition} = @partition`];
  const parameters: SqlParameter[] = [
    { name: "@top", value: top },
    { name: "@partition", value: plan.partition },
  ];
  if (order !== undefined && plan.condition !== undefined) {
    const condition = orderCondition(`c.${order}`, plan.condition);
    where.push(condition.sql);
    parameters.push(...condition.parameters);
  }
  if (order !== undefined && after !== undefined) {
    where.push(`c.${order} ${plan.descending ? "<" : ">"} @after`);
    parameters.push({ name: "@after", value: after });
  }
  // Tombstones are deleted documents: never in a page.
  where.push(`NOT IS_DEFINED(c["${STORED_FIELDS.deleted}"])`);
  if (declaration.expiresAt !== undefined) {
    // The same rule as isExpired, by our clock: expired items stay stored until the TTL removes them.
    where.push("(NOT IS_DEFINED(c.exp) OR c.exp > @now)");
    parameters.push({ name: "@now", value: nowMs });
  }
  const direction = plan.descending ? "DESC" : "ASC";
  const orderBy =
    order === undefined
      ? ""
      : plan.index === undefined
        ? ` ORDER BY c.${order} ${direction}`
        : ` ORDER BY c.${partition} ${direction}, c.${order} ${direction}`;
  return { query: `SELECT TOP @top * FROM c WHERE ${where.join(" AND ")}${orderBy}`, parameters };
}
