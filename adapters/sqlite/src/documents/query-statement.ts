import type { CollectionDeclaration, Position, QueryPlan, SortCondition } from "@skyport/core";

/** A query's SQL and its parameters. */
export interface QueryStatement {
  sql: string;
  params: Record<string, unknown>;
}

// An index's rows joined to their documents; the primary key reads the documents alone.
const INDEX_ROWS = "document_index i JOIN documents d ON d.collection = i.collection AND d.pk = i.pk AND d.sk = i.sk";

/**
 * One page of a plan as one range scan, in code point order (BINARY collation compares UTF-8 bytes):
 * the partition, the sort condition, past the cursor's position, live documents only, one row past
 * the limit so that an exactly full last page is known to be the last.
 */
export function queryStatement(
  declaration: CollectionDeclaration<unknown>,
  location: string,
  plan: QueryPlan,
  after: Position | undefined,
  nowMs: number,
): QueryStatement {
  const direction = plan.descending ? "DESC" : "ASC";
  const params: Record<string, unknown> = { collection: location, partition: plan.partition, now: nowMs, limit: plan.limit + 1 };
  const where: string[] = [];
  const onIndex = plan.index !== undefined;
  if (onIndex) {
    where.push("i.collection = @collection", "i.index_name = @index", "i.ipk = @partition");
    params.index = plan.index;
  } else {
    where.push("d.collection = @collection", "d.pk = @partition");
  }
  const sortColumn = onIndex ? "i.isk" : "d.sk";
  if (plan.condition !== undefined) where.push(conditionOn(sortColumn, plan.condition, params));
  if (after !== undefined) {
    const beyond = plan.descending ? "<" : ">";
    const { partition, sort } = declaration.key;
    params.afterSk = sort === undefined ? "" : after.key[sort];
    if (onIndex) {
      // Equal sort values are ordered by the primary key, so the position is all three.
      where.push(`(i.isk, i.pk, i.sk) ${beyond} (@afterSort, @afterPk, @afterSk)`);
      params.afterSort = after.sort ?? "";
      params.afterPk = after.key[partition];
    } else {
      where.push(`d.sk ${beyond} @afterSk`);
    }
  }
  // Past expiresAt a document is absent, whether or not a purge has deleted it yet.
  where.push("(d.expires_at IS NULL OR d.expires_at > @now)");
  const order = onIndex ? `i.isk ${direction}, i.pk ${direction}, i.sk ${direction}` : `d.sk ${direction}`;
  return {
    sql: `SELECT d.version, d.body FROM ${onIndex ? INDEX_ROWS : "documents d"} WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT @limit`,
    params,
  };
}

function conditionOn(column: string, condition: SortCondition, params: Record<string, unknown>): string {
  if ("beginsWith" in condition) {
    params.from = condition.beginsWith;
    // The prefix's bytes then 0xFF, which no UTF-8 text holds: every text that begins with the prefix sorts below it.
    params.below = Buffer.concat([Buffer.from(condition.beginsWith, "utf8"), Buffer.from([0xff])]);
    return `${column} >= @from AND ${column} < CAST(@below AS TEXT)`;
  }
  if ("between" in condition) {
    [params.from, params.to] = condition.between;
    return `${column} BETWEEN @from AND @to`;
  }
  const [operator, operand] =
    "gt" in condition ? [">", condition.gt] : "gte" in condition ? [">=", condition.gte] : "lt" in condition ? ["<", condition.lt] : ["<=", condition.lte];
  params.from = operand;
  return `${column} ${operator} @from`;
}
