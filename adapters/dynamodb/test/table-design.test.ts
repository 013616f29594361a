import { readFileSync } from "node:fs";
import { DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ORDERS_TABLE } from "../src/index.js";
import { dynamoDbLocalClient } from "../src/testing/index.js";

const client = dynamoDbLocalClient(inject("dynamoDbEndpoint"));
afterAll(() => client.destroy());

describe("the orders table", () => {
  it("is created on DynamoDB Local with the keys, indexes and TTL the README documents", async () => {
    const TableName = inject("dynamoDbTable");
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: "pk", KeyType: "HASH" }]);
    const indexes = Object.fromEntries((Table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i]));
    for (const [name, hash] of [
      ["byCustomer", "customerId"],
      ["byStatus", "status"],
    ]) {
      expect(indexes[name!]).toMatchObject({
        KeySchema: [
          { AttributeName: hash, KeyType: "HASH" },
          { AttributeName: "createdKey", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      });
    }
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName }));
    expect(TimeToLiveDescription).toMatchObject({ AttributeName: "ttl", TimeToLiveStatus: "ENABLED" });
  });

  it("is described in the README with the names the store uses", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const { byCustomer, byStatus, ...names } = ORDERS_TABLE;
    for (const name of [...Object.values(names), ...Object.values(byCustomer), ...Object.values(byStatus)]) {
      expect(readme).toContain(name.endsWith("#") ? `\`${name}<` : `\`${name}`);
    }
  });
});
