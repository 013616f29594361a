import { heldRecord, idempotencyCollection } from "@skyport/core";
import { orderStoresOn } from "@skyport/core/orders";
import { storeContract } from "@skyport/core/orders/testing";
import { inject } from "vitest";
import { dynamoDbDocuments, dynamoDbDocumentsOn } from "../src/index.js";
import { dynamoDbLocalClient, dynamoDbLocalEnv, ttlExpiryOf } from "../src/testing/index.js";

const endpoint = inject("dynamoDbEndpoint");
const tables = inject("dynamoDbTables");

storeContract("dynamodb", () => {
  // The production path: the SDK finds region, endpoint and credentials in the standard variables.
  Object.assign(process.env, dynamoDbLocalEnv(endpoint, tables));
  const stores = orderStoresOn(dynamoDbDocuments(process.env));
  // The records read back through a client of their own, as another instance would; the TTL as the table holds it.
  const inspector = dynamoDbLocalClient(endpoint);
  const reader = dynamoDbDocumentsOn(dynamoDbLocalClient(endpoint), process.env);
  return {
    orders: stores.orders,
    idempotency: stores.idempotency,
    recordOf: (key, now) => heldRecord(reader.collection(idempotencyCollection), key, now),
    ttlExpiry: true,
    ttlOf: (key) => ttlExpiryOf(inspector, tables[idempotencyCollection.name]!, { key }),
    async close() {
      inspector.destroy();
      await reader.close();
      await stores.close();
    },
  };
});
