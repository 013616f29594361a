import { idempotencyCollection, systemClock, type Context } from "@skyport/core";
import { deleteExpiredOrders, orderServices, orderStoresOn, ordersCollection, type OrderStore } from "@skyport/core/orders";
import { switchableProxy } from "@skyport/core/testing";
import { orderAt, uniqueCustomer } from "@skyport/core/orders/testing";
import { dynamoDbDocuments } from "@skyport/dynamodb";
import { dynamoDbLocalEnv, ensureLocalCollections, prefixedTables } from "@skyport/dynamodb/testing";
import { afterAll, expect, inject, it } from "vitest";

/** Longer than the DynamoDB client's request timeout (5 s) for the round trip, shorter one way. */
const LATE_MS = 3_000;

const endpoint = inject("dynamoDbEndpoint");
const collections = [ordersCollection, idempotencyCollection];
const tables = prefixedTables("skyport-aws-cleanup-lost-answer", collections);
await ensureLocalCollections(endpoint, dynamoDbLocalEnv(endpoint, tables), collections);
const proxy = await switchableProxy(Number(new URL(endpoint).port));
// The SDK reads its endpoint from the environment too: the proxy's, for every store of this file.
const env = dynamoDbLocalEnv(`http://127.0.0.1:${proxy.port}`, tables);
Object.assign(process.env, env);
const stores = orderStoresOn(dynamoDbDocuments(env));

afterAll(async () => {
  await stores.close();
  await proxy.close();
});

/** The orders store, whose deletes go out on a connection that holds each byte LATE_MS, until the answer is late. */
const lateDeletes = (orders: OrderStore): OrderStore => ({
  ...orders,
  delete(id, expectedVersion) {
    proxy.slow(LATE_MS);
    setTimeout(() => proxy.up(), LATE_MS + 500);
    return orders.delete(id, expectedVersion);
  },
});

it("cleanup counts a cancelled order deleted when its delete landed but the answer came too late (the SDK's retry then fails the condition)", async () => {
  const cancelled = orderAt(new Date(), { customerId: uniqueCustomer("cus_lost_answer"), status: "cancelled", version: 2 });
  await stores.orders.create(cancelled);
  const services = orderServices({ orders: lateDeletes(stores.orders), idempotency: stores.idempotency } as Parameters<typeof orderServices>[0]);
  const cleanup = deleteExpiredOrders({ orders: services.orders, clock: systemClock, retentionDays: 30, cleanupPageSize: 100 });

  const report = await cleanup({}, { logger: { info: () => {} } } as unknown as Context);

  expect(await stores.orders.get(cancelled.id)).toBeNull();
  expect(report).toEqual({ deleted: 1, skipped: 0 });
}, 60_000);
