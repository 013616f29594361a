import { QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  afterCursor,
  comparePositions,
  decodePosition,
  encodeCursor,
  inPartition,
  isExpired,
  positionOf,
  type CollectionDeclaration,
  type Position,
  type QueryPage,
  type QueryPlan,
  type Versioned,
} from "@skyport/core";
import { documentStoreError } from "./document-store-error.js";
import { mayBeCut } from "./index-sort-key.js";
import { indexAttributes } from "./item-attributes.js";
import { pastConditionEnd } from "./sort-condition-end.js";
import { sortRange } from "./sort-range.js";
import { versionedOf, type StoredItem } from "./stored-item.js";

interface Read<T> {
  versioned: Versioned<T>;
  position: Position;
  /** The item's stored sort attribute: items that share one are ordered here. */
  stored: string | undefined;
}

/** Enough items per request to finish a tie (items sharing a cut index sort key) in few requests. */
const TIE_READ = 100;

/**
 * One page of a planned query: a DynamoDB Query on the partition and the key condition's range,
 * read in order and filtered exactly here (the condition, expiry, the cursor), until it holds one
 * item more than the limit (so that the last page says so) or the partition is read to its end.
 */
export async function queryPage<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  declaration: CollectionDeclaration<T>,
  plan: QueryPlan,
): Promise<QueryPage<T>> {
  const cursor = decodePosition(declaration, plan);
  const range = sortRange(declaration, plan, cursor);
  if (range.empty) return { items: [] };
  const names = plan.index === undefined ? { partition: declaration.key.partition, sort: declaration.key.sort } : indexAttributes(plan.index, plan.shape);
  const condition = ["#partition = :partition"];
  const values: Record<string, unknown> = { ":partition": plan.partition };
  if (range.prefix !== undefined) condition.push("begins_with(#sort, :prefix)");
  else if (range.lowest !== undefined && range.highest !== undefined) condition.push("#sort BETWEEN :lowest AND :highest");
  else if (range.lowest !== undefined) condition.push("#sort >= :lowest");
  else if (range.highest !== undefined) condition.push("#sort <= :highest");
  for (const bound of ["prefix", "lowest", "highest"] as const) if (range[bound] !== undefined) values[`:${bound}`] = range[bound];
  const now = Date.now();
  const direction = plan.descending ? -1 : 1;
  const taken: Read<T>[] = [];
  let tie: Read<T>[] = [];
  let ended = false;
  // A tie is complete once an item with another stored value follows it; sorted, its items join the page in order.
  const settle = () => {
    tie.sort((a, b) => direction * comparePositions(declaration, a.position, b.position));
    for (const read of tie) {
      if (pastConditionEnd(plan, read.position.sort)) {
        ended = true;
        break;
      }
      if (
        inPartition(plan, read.versioned.value) &&
        !isExpired(declaration, read.versioned.value, now) &&
        afterCursor(declaration, plan, cursor, read.position)
      ) {
        taken.push(read);
      }
    }
    tie = [];
  };
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const answer = await client.send(
        new QueryCommand({
          TableName: tableName,
          ...(plan.index !== undefined && { IndexName: plan.index }),
          KeyConditionExpression: condition.join(" AND "),
          ExpressionAttributeNames: { "#partition": names.partition, ...(condition.length > 1 && { "#sort": names.sort! }) },
          ExpressionAttributeValues: values,
          ScanIndexForward: !plan.descending,
          // An index is eventually consistent; the table reads its own writes.
          ...(plan.index === undefined && { ConsistentRead: true }),
          // One past the limit, one more for the cursor's own item; expired and filtered items make the loop read on.
          Limit: Math.max(plan.limit + (cursor === undefined ? 1 : 2) - taken.length, tie.length > 0 ? TIE_READ : 1),
          ExclusiveStartKey: start,
        }),
      );
      for (const item of (answer.Items ?? []) as StoredItem[]) {
        const versioned = versionedOf<T>(item);
        const stored = names.sort === undefined ? undefined : (item[names.sort] as string);
        const read = { versioned, position: positionOf(declaration, plan, versioned.value), stored };
        if (tie.length > 0 && tie[0]!.stored !== stored) settle();
        if (ended) break;
        tie.push(read);
        // Only an index sort key that was cut can be shared: any other item is a tie of one.
        if (plan.index === undefined || !mayBeCut(stored!)) settle();
        if (ended) break;
      }
      start = answer.LastEvaluatedKey;
    } while (start !== undefined && !ended && taken.length <= plan.limit);
  } catch (error) {
    throw documentStoreError(error);
  }
  if (!ended) settle();
  const items = taken.slice(0, plan.limit);
  const last = items.at(-1);
  return {
    items: items.map((read) => read.versioned),
    ...(taken.length > plan.limit && last && { cursor: encodeCursor(plan.scope, last.position) }),
  };
}
