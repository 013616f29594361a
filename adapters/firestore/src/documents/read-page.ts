import type { CollectionReference } from "@google-cloud/firestore";
import {
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
import { orderFields, partitionQuery } from "./collection-query.js";
import { DOCUMENT_FIELDS } from "./stored-document.js";

/**
 * One page of a query, by keyset: it reads one document past the limit to know whether another
 * page follows, and reads on while expired documents (which the TTL policy deletes late) thin it.
 */
export async function readPage<T>(
  collection: CollectionReference,
  declaration: CollectionDeclaration<T>,
  plan: QueryPlan,
  cursor: Position | undefined,
): Promise<QueryPage<T>> {
  // A key without a sort field has one document per partition: none follows a cursor.
  if (cursor !== undefined && orderFields(declaration, plan.shape).length === 0) return { items: [] };
  const found: { item: Versioned<T>; position: Position }[] = [];
  let after = cursor;
  for (;;) {
    const wanted = plan.limit + 1 - found.length;
    const { docs } = await partitionQuery(collection, declaration, plan, after, wanted).get();
    const now = Date.now();
    for (const snapshot of docs) {
      const value = JSON.parse(snapshot.get(DOCUMENT_FIELDS.json) as string) as T;
      after = positionOf(declaration, plan, value);
      if (isExpired(declaration, value, now) || !inPartition(plan, value)) continue;
      found.push({ item: { value, version: snapshot.get(DOCUMENT_FIELDS.version) as string }, position: after });
    }
    if (docs.length < wanted || found.length > plan.limit) break;
  }
  const page = found.slice(0, plan.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ item }) => item),
    ...(found.length > plan.limit && last && { cursor: encodeCursor(plan.scope, last.position) }),
  };
}
