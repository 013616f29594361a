import type { SqlParameter, SqlQuerySpec } from "@azure/cosmos";
import type { KeysetPosition } from "@skyport/core";

/**
 * A customer's orders after `after`, newest first, at most `top`. The equality-filtered property
 * leads the ORDER BY so that the composite index serves the query.
 */
export function byCustomer(customerId: string, top: number, after?: KeysetPosition): SqlQuerySpec {
  const where = ["c.customerId = @customerId"];
  if (after) where.push("(c.createdAt < @createdAt OR (c.createdAt = @createdAt AND c.id < @id))");
  return query(where, "c.customerId ASC, c.createdAt DESC, c.id DESC", top, [{ name: "@customerId", value: customerId }], after);
}

/** Orders in one status (created before `createdBefore`, if given) after `after`, oldest first. */
export function byStatus(status: string, createdBefore: string | undefined, top: number, after?: KeysetPosition): SqlQuerySpec {
  const where = ["c.status = @status"];
  const parameters: SqlParameter[] = [{ name: "@status", value: status }];
  if (createdBefore !== undefined) {
    where.push("c.createdAt < @createdBefore");
    parameters.push({ name: "@createdBefore", value: createdBefore });
  }
  if (after) where.push("(c.createdAt > @createdAt OR (c.createdAt = @createdAt AND c.id > @id))");
  return query(where, "c.status ASC, c.createdAt ASC, c.id ASC", top, parameters, after);
}

function query(where: string[], orderBy: string, top: number, parameters: SqlParameter[], after?: KeysetPosition): SqlQuerySpec {
  const keyset = after
    ? [
        { name: "@createdAt", value: after.createdAt },
        { name: "@id", value: after.id },
      ]
    : [];
  return {
    query: `SELECT TOP @top * FROM c WHERE ${where.join(" AND ")} ORDER BY ${orderBy}`,
    parameters: [{ name: "@top", value: top }, ...parameters, ...keyset],
  };
}
