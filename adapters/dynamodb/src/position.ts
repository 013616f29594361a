import { InvalidCursor, type KeysetPosition } from "@skyport/core";
import { createdKey, orderPk } from "./order-record.js";
import { ORDERS_TABLE } from "./table.js";

type IndexName = typeof ORDERS_TABLE.byCustomer | typeof ORDERS_TABLE.byStatus;

/**
 * The ExclusiveStartKey for a position (core's keyset codec, decoded for the query's list). Only
 * (createdAt, id) come from the position; the index partition (customer or status) comes from the
 * request, so a position can never move a query into another customer's orders.
 */
export function startKeyFor(index: IndexName, partition: string, { createdAt, id }: KeysetPosition, before?: string): Record<string, string> {
  // A start key outside the query's key condition would be a ValidationException, not a page.
  if (before !== undefined && createdAt >= before) throw new InvalidCursor("position is outside the query");
  return {
    [ORDERS_TABLE.partitionKey]: orderPk(id),
    [index.partitionKey]: partition,
    [index.sortKey]: createdKey(createdAt, id),
  };
}
