import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type KeySchemaElement,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import type { CollectionDeclaration } from "@skyport/core";
import { documentStoreError } from "./document-store-error.js";
import { tableDefinition } from "./table-definition.js";
import { CollectionTableMismatch } from "./table-mismatch.js";

/** How long ensure() waits for a new table or index to become ACTIVE (DynamoDB backfills an index first). */
const ACTIVE_WITHIN_MS = 300_000;

const keyText = (schema: readonly KeySchemaElement[] | undefined, definitions: readonly AttributeDefinition[] | undefined) =>
  `(${(schema ?? [])
    .map(
      (element) => `${element.AttributeName} ${element.KeyType} ${definitions?.find((d) => d.AttributeName === element.AttributeName)?.AttributeType ?? "?"}`,
    )
    .join(", ")})`;

/**
 * Creates what the collection's table lacks, as `tableDefinition` declares it: the table, a missing
 * index (one UpdateTable each, as DynamoDB allows), the stream, the TTL. A table or index that exists
 * with another key is refused with the difference named; nothing is dropped.
 */
export async function ensureTable(client: DynamoDBClient, declaration: CollectionDeclaration<unknown>, tableName: string): Promise<void> {
  const wanted = tableDefinition(declaration, tableName);
  const { createTable } = wanted;
  try {
    let table = await describe(client, tableName);
    if (table === undefined) {
      try {
        await client.send(new CreateTableCommand(createTable));
      } catch (error) {
        // Another process is creating it: wait for it as for ours, then check it.
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      table = await untilActive(client, tableName);
    }
    const want = keyText(createTable.KeySchema, createTable.AttributeDefinitions);
    const have = keyText(table.KeySchema, table.AttributeDefinitions);
    if (want !== have) throw new CollectionTableMismatch(tableName, `its key is ${have}, but collection ${declaration.name} declares ${want}`);
    for (const index of createTable.GlobalSecondaryIndexes ?? []) {
      const existing = table.GlobalSecondaryIndexes?.find((other) => other.IndexName === index.IndexName);
      if (existing === undefined) {
        const names = new Set(index.KeySchema?.map((element) => element.AttributeName));
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: createTable.AttributeDefinitions?.filter((definition) => names.has(definition.AttributeName)),
            GlobalSecondaryIndexUpdates: [{ Create: index }],
          }),
        );
        table = await untilActive(client, tableName);
        continue;
      }
      const indexWant = keyText(index.KeySchema, createTable.AttributeDefinitions);
      const indexHave = keyText(existing.KeySchema, table.AttributeDefinitions);
      if (indexWant !== indexHave) {
        throw new CollectionTableMismatch(
          tableName,
          `index ${index.IndexName} is keyed by ${indexHave}, but collection ${declaration.name} declares ${indexWant}`,
        );
      }
    }
    const stream = table.StreamSpecification;
    if (!stream?.StreamEnabled) {
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: createTable.StreamSpecification }));
      await untilActive(client, tableName);
    } else if (stream.StreamViewType !== createTable.StreamSpecification?.StreamViewType) {
      throw new CollectionTableMismatch(tableName, `its stream has view type ${stream.StreamViewType}; the change feed needs NEW_AND_OLD_IMAGES`);
    }
    if (wanted.timeToLive) {
      const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
      const status = ttl?.TimeToLiveStatus;
      if (status === "ENABLED" || status === "ENABLING") {
        if (ttl?.AttributeName !== wanted.timeToLive.AttributeName) {
          throw new CollectionTableMismatch(
            tableName,
            `its TTL attribute is ${ttl?.AttributeName}, but the collection's expiry is ${wanted.timeToLive.AttributeName}`,
          );
        }
      } else {
        await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: wanted.timeToLive }));
      }
    }
  } catch (error) {
    throw documentStoreError(error);
  }
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** The table once it and every index are ACTIVE. */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<TableDescription> {
  const deadline = Date.now() + ACTIVE_WITHIN_MS;
  for (;;) {
    const table = await describe(client, tableName);
    if (table?.TableStatus === "ACTIVE" && (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === "ACTIVE")) return table;
    if (Date.now() > deadline) throw new Error(`table ${tableName} is not ACTIVE after ${ACTIVE_WITHIN_MS / 1000} s`);
    await sleep(100);
  }
}
