import { DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { idempotencyCollection } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { afterAll, describe, expect, inject, it } from "vitest";
import { tableDefinition } from "../src/index.js";
import { dynamoDbLocalClient } from "../src/testing/index.js";

const client = dynamoDbLocalClient(inject("dynamoDbEndpoint"));
const tables = inject("dynamoDbTables");
afterAll(() => client.destroy());

const byName = <T extends { IndexName?: string; AttributeName?: string }>(items: readonly T[] | undefined) =>
  [...(items ?? [])].sort((a, b) => String(a.IndexName ?? a.AttributeName).localeCompare(String(b.IndexName ?? b.AttributeName)));

describe("the order service's tables, as the test setup ensures them on DynamoDB Local", () => {
  for (const declaration of [ordersCollection, idempotencyCollection]) {
    it(`${declaration.name}: the keys, indexes, stream and TTL tableDefinition declares (the template's, deploy/test/aws-template.test.ts)`, async () => {
      const TableName = tables[declaration.name]!;
      const { createTable, timeToLive } = tableDefinition(declaration, TableName);
      const { Table } = await client.send(new DescribeTableCommand({ TableName }));
      expect(Table?.KeySchema).toEqual(createTable.KeySchema);
      expect(byName(Table?.AttributeDefinitions)).toEqual(byName(createTable.AttributeDefinitions));
      const indexes = byName(Table?.GlobalSecondaryIndexes).map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }));
      expect(indexes).toEqual(byName(createTable.GlobalSecondaryIndexes));
      expect(Table?.StreamSpecification).toEqual(createTable.StreamSpecification);
      const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName }));
      expect(TimeToLiveDescription).toEqual(
        timeToLive ? { AttributeName: timeToLive.AttributeName, TimeToLiveStatus: "ENABLED" } : { TimeToLiveStatus: "DISABLED" },
      );
    });
  }

  it("orders: keyed by id, with the by-customer and by-status indexes; idempotency-keys: keyed by key, its TTL on $ttl", () => {
    const orders = tableDefinition(ordersCollection, "orders").createTable;
    expect(orders.KeySchema).toEqual([{ AttributeName: "id", KeyType: "HASH" }]);
    expect(orders.GlobalSecondaryIndexes?.map((index) => index.KeySchema?.map((key) => key.AttributeName))).toEqual([
      ["$by-customer:customerId", "$by-customer:createdAt+key"],
      ["$by-status:status", "$by-status:createdAt+key"],
    ]);
    expect(tableDefinition(ordersCollection, "orders").timeToLive).toBeUndefined();
    const keys = tableDefinition(idempotencyCollection, "idempotency-keys");
    expect(keys.createTable.KeySchema).toEqual([{ AttributeName: "key", KeyType: "HASH" }]);
    expect(keys.createTable.GlobalSecondaryIndexes).toBeUndefined();
    expect(keys.timeToLive).toEqual({ AttributeName: "$ttl", Enabled: true });
  });
});
