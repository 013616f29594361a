import { randomUUID } from "node:crypto";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { collection, VersionConflict } from "@skyport/core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dynamoDbDocuments } from "../src/index.js";
import { dynamoDbLocalClient, dynamoDbLocalEnv } from "../src/testing/index.js";

interface Hold {
  member: string;
  id: string;
  until?: string;
}

const holds = collection<Hold>(`holds-${randomUUID().slice(0, 8)}`, { key: ["member", "id"], expiresAt: "until" });
const client = dynamoDbLocalClient(inject("dynamoDbEndpoint"));
Object.assign(process.env, dynamoDbLocalEnv(inject("dynamoDbEndpoint")));
const documents = dynamoDbDocuments(process.env);
const store = documents.collection(holds);
beforeAll(() => documents.ensure([holds]));
afterAll(async () => {
  await documents.close();
  client.destroy();
});

/** The item as DynamoDB holds it: an expired one stays until the TTL deletes it, days later. */
const itemOf = async (member: string, id: string) =>
  (await client.send(new GetItemCommand({ TableName: holds.name, Key: { member: { S: member }, id: { S: id } }, ConsistentRead: true }))).Item;

describe("an expired item DynamoDB has not deleted yet", () => {
  it("is written with its exact expiry and its TTL in epoch seconds, rounded up", async () => {
    const member = randomUUID();
    await store.put({ member, id: "a", until: "2020-01-01T00:00:00.250Z" });
    const item = await itemOf(member, "a");
    expect(item?.$expiresAt).toEqual({ N: String(Date.parse("2020-01-01T00:00:00.250Z")) });
    expect(item?.$ttl).toEqual({ N: String(Date.parse("2020-01-01T00:00:01Z") / 1000) });
  });

  it("gives way to a create, in a call or a transaction, while it is still there", async () => {
    const member = randomUUID();
    await store.put({ member, id: "a", until: "2020-01-01T00:00:00Z" });
    await store.put({ member, id: "b", until: "2020-01-01T00:00:00Z" });
    expect(await itemOf(member, "a")).toBeDefined();
    const created = await store.create({ member, id: "a" });
    expect(await store.get({ member, id: "a" })).toEqual(created);
    const [result] = await store.transact([{ create: { member, id: "b" } }]);
    expect(await store.get({ member, id: "b" })).toEqual({ value: { member, id: "b" }, version: (result as { version: string }).version });
  });

  it("meets no version condition, though its version is the one given", async () => {
    const member = randomUUID();
    const { version } = await store.put({ member, id: "a", until: "2020-01-01T00:00:00Z" });
    await expect(store.put({ member, id: "a" }, { ifVersion: version })).rejects.toBeInstanceOf(VersionConflict);
    await expect(store.delete({ member, id: "a" }, { ifVersion: version })).rejects.toBeInstanceOf(VersionConflict);
    await expect(store.transact([{ check: { member, id: "a" }, ifVersion: version }])).rejects.toBeInstanceOf(VersionConflict);
    expect(await itemOf(member, "a")).toBeDefined();
  });
});
