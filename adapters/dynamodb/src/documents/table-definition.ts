import type { AttributeDefinition, CreateTableCommandInput, KeySchemaElement, TimeToLiveSpecification } from "@aws-sdk/client-dynamodb";
import type { CollectionDeclaration } from "@skyport/core";
import { indexAttributes, ITEM_ATTRIBUTES } from "./item-attributes.js";

/** A collection's table as CreateTable and the SAM template declare it. */
export interface TableDefinition {
  createTable: CreateTableCommandInput;
  /** UpdateTimeToLive's specification (the template's `TimeToLiveSpecification`), where the collection declares an expiry. */
  timeToLive?: TimeToLiveSpecification;
}

/**
 * The table of one collection: HASH = the partition field, RANGE = the sort field (their raw values),
 * a GSI per declared index, on-demand billing, and a NEW_AND_OLD_IMAGES stream for the change feed.
 */
export function tableDefinition(declaration: CollectionDeclaration<unknown>, tableName: string): TableDefinition {
  const keySchema = (partition: string, sort?: string): KeySchemaElement[] => [
    { AttributeName: partition, KeyType: "HASH" },
    ...(sort === undefined ? [] : [{ AttributeName: sort, KeyType: "RANGE" as const }]),
  ];
  const indexes = Object.entries(declaration.indexes).map(([name, shape]) => ({ name, ...indexAttributes(name, shape) }));
  const keyAttributes = [declaration.key.partition, ...(declaration.key.sort === undefined ? [] : [declaration.key.sort])];
  const definitions: AttributeDefinition[] = [...keyAttributes, ...indexes.flatMap((index) => [index.partition, index.sort])].map((name) => ({
    AttributeName: name,
    AttributeType: "S",
  }));
  return {
    createTable: {
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: definitions,
      KeySchema: keySchema(declaration.key.partition, declaration.key.sort),
      // The change feed (done later) reads every write with the item before and after.
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      ...(indexes.length > 0 && {
        GlobalSecondaryIndexes: indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: keySchema(index.partition, index.sort),
          Projection: { ProjectionType: "ALL" },
        })),
      }),
    },
    ...(declaration.expiresAt !== undefined && { timeToLive: { AttributeName: ITEM_ATTRIBUTES.ttl, Enabled: true } }),
  };
}
