import { GetItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DocumentKey } from "@skyport/core";
import { ITEM_ATTRIBUTES } from "../documents/item-attributes.js";

/** The item holding a document, as the table stores it (every attribute of ours): what its stream's images hold. */
export async function storedItemOf(client: DynamoDBClient, table: string, key: DocumentKey): Promise<Record<string, unknown> | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: table, Key: Object.fromEntries(Object.entries(key).map(([field, value]) => [field, { S: value }])), ConsistentRead: true }),
  );
  return Item && unmarshall(Item);
}

/** The epoch second after which DynamoDB's TTL deletes a document's item (its TTL attribute), if it has one. */
export async function ttlExpiryOf(client: DynamoDBClient, table: string, key: DocumentKey): Promise<number | undefined> {
  const ttl = (await storedItemOf(client, table, key))?.[ITEM_ATTRIBUTES.ttl];
  return typeof ttl === "number" ? ttl : undefined;
}
