import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { customerList, decodeKeyset, encodeKeyset, InvalidCursor, statusList } from "@skyport/core";
import { freePort, ordersFor, uniqueCustomer } from "@skyport/core/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DynamoDbOrderStore } from "../src/index.js";
import { dynamoDbLocalClient } from "../src/testing/index.js";

const clients: DynamoDBClient[] = [];
const storeAt = (client: DynamoDBClient) => {
  clients.push(client);
  return new DynamoDbOrderStore(DynamoDBDocumentClient.from(client), inject("dynamoDbTable"));
};
let store: DynamoDbOrderStore;
beforeAll(() => {
  store = storeAt(dynamoDbLocalClient(inject("dynamoDbEndpoint")));
});
afterAll(() => {
  for (const client of clients) client.destroy();
});

describe("a list position that comes back", () => {
  it("is refused when tampered with, before DynamoDB is asked", async () => {
    const customer = uniqueCustomer();
    for (const o of ordersFor(customer, 3)) await store.create(o);
    const { next } = await store.listByCustomer(customer, { limit: 1 });
    const { createdAt, id } = decodeKeyset(customerList(customer), next!);
    const list = customerList(customer);
    const tampered = [
      `${next}.extra`,
      `${createdAt}|${id}`, // the keyset in plain text, unchecked
      encodeKeyset(list, { createdAt, id: `${id}#ORDER` }),
      encodeKeyset(list, { createdAt: createdAt.replace("T", " "), id }),
      encodeKeyset(list, { createdAt, id: "" }),
      JSON.stringify({ pk: `ORDER#${id}`, customerId: customer, createdKey: `${createdAt}#${id}` }),
      Buffer.from(next!).toString("base64url"),
    ];
    // Nothing listens here: a refusal that reached DynamoDB would be StoreUnavailable instead.
    const unreachable = storeAt(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${await freePort()}`,
        region: "us-east-1",
        maxAttempts: 1,
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      }),
    );
    for (const position of tampered) {
      await expect(store.listByCustomer(customer, { limit: 1, after: position }), position).rejects.toBeInstanceOf(InvalidCursor);
      await expect(unreachable.listByCustomer(customer, { limit: 1, after: position })).rejects.toBeInstanceOf(InvalidCursor);
      await expect(store.listByStatus({ status: "pending", limit: 1, after: position })).rejects.toBeInstanceOf(InvalidCursor);
    }
  });

  it("forged for one customer's list reads only that customer's orders from that point", async () => {
    const [alice, bob] = [uniqueCustomer("alice"), uniqueCustomer("bob")];
    const end = new Date();
    const alices = ordersFor(alice, 4, {}, end);
    const bobs = ordersFor(bob, 4, {}, new Date(end.getTime() + 500)); // interleaved in time with alice's
    for (const o of [...alices, ...bobs]) await store.create(o);
    const page = await store.listByCustomer(alice, { limit: 2 }); // alice's two newest; next points between them
    const between = decodeKeyset(customerList(alice), page.next!);

    const result = await store.listByCustomer(bob, { limit: 10, after: encodeKeyset(customerList(bob), between) });
    expect(result.items.every((o) => o.customerId === bob)).toBe(true);
    expect(result.items.map((o) => o.id)).toEqual(
      bobs
        .filter((o) => o.createdAt < between.createdAt)
        .map((o) => o.id)
        .reverse(),
    );
  });

  it("outside the cleanup's cutoff is refused, not sent to DynamoDB as an out-of-range start key", async () => {
    const customer = uniqueCustomer();
    const cancelled = ordersFor(customer, 3, { status: "cancelled" });
    for (const o of cancelled) await store.create(o);
    const position = encodeKeyset(statusList("cancelled"), cancelled[2]!);
    await expect(store.listByStatus({ status: "cancelled", createdBefore: cancelled[1]!.createdAt, limit: 2, after: position })).rejects.toBeInstanceOf(
      InvalidCursor,
    );
  });
});
