import { GetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { IdempotencyRecord } from "@skyport/core";
import { idempotencyPk, recordFromItem } from "../idempotency-record.js";
import { ORDERS_TABLE } from "../table.js";

/** Idempotency records read straight from the table: for tests, since production never reads one back. */
export function idempotencyRecordsIn(documents: DynamoDBDocumentClient, table: string) {
  const itemOf = async (key: string) =>
    (await documents.send(new GetCommand({ TableName: table, Key: { [ORDERS_TABLE.partitionKey]: idempotencyPk(key) }, ConsistentRead: true }))).Item;
  return {
    /** The live record for a key, or null (absent, or expired and not yet deleted by the TTL). */
    async recordOf(key: string, now: Date): Promise<IdempotencyRecord | null> {
      const item = await itemOf(key);
      const record = item ? recordFromItem(item) : null;
      return record && record.expiresAt > now.toISOString() ? record : null;
    },
    /** The epoch second DynamoDB's TTL deletes the record after. */
    async ttlOf(key: string): Promise<number | undefined> {
      const ttl: unknown = (await itemOf(key))?.[ORDERS_TABLE.ttlAttribute];
      return typeof ttl === "number" ? ttl : undefined;
    },
  };
}
