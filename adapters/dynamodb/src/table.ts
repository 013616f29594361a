import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The one table that holds orders and idempotency records (single-table design). This is the
 * only description of it in code: the store, the test helper and the README all follow it, and
 * deploy/aws/template.yaml must declare the same keys, indexes and TTL.
 */
export const ORDERS_TABLE = {
  /** Table partition key (S); the table has no sort key. */
  partitionKey: "pk",
  /** `ORDER#<order id>` */
  orderPrefix: "ORDER#",
  /** `IDEMPOTENCY#<scoped key>` */
  idempotencyPrefix: "IDEMPOTENCY#",
  /** Orders only (S): `<createdAt>#<id>`, so that an index sorts by creation, then id. */
  createdKey: "createdKey",
  /** Idempotency records only (N, epoch seconds): what DynamoDB's TTL deletes by. */
  ttlAttribute: "ttl",
  /** A customer's orders, newest first. */
  byCustomer: { name: "byCustomer", partitionKey: "customerId", sortKey: "createdKey" },
  /** Orders in one status, oldest first: the cleanup's candidates. */
  byStatus: { name: "byStatus", partitionKey: "status", sortKey: "createdKey" },
} as const;

/** CreateTable input, exactly as the SAM template declares the table (on-demand, both indexes, its stream). */
export function ordersTableDefinition(tableName: string): CreateTableCommandInput {
  const { partitionKey, byCustomer, byStatus } = ORDERS_TABLE;
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: "S" },
      { AttributeName: byCustomer.partitionKey, AttributeType: "S" },
      { AttributeName: byStatus.partitionKey, AttributeType: "S" },
      { AttributeName: ORDERS_TABLE.createdKey, AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: partitionKey, KeyType: "HASH" }],
    // The outbox: every committed write with the item before and after (the changes function reads it).
    StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    GlobalSecondaryIndexes: [byCustomer, byStatus].map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" },
        { AttributeName: index.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
  };
}

/** UpdateTimeToLive input: the SAM template's `TimeToLiveSpecification`. */
export function ordersTableTtl(tableName: string): UpdateTimeToLiveCommandInput {
  return { TableName: tableName, TimeToLiveSpecification: { AttributeName: ORDERS_TABLE.ttlAttribute, Enabled: true } };
}
