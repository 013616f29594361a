import { orderStoresOn, type Env, type Stores } from "@skyport/core";
import { dynamoDbDocuments } from "./documents/dynamodb-documents.js";

export { REQUEST_TIMEOUTS } from "./request-timeouts.js";

/**
 * The order service's stores (core's, on `dynamoDbDocuments`): a table per collection, where
 * SKYPORT_COLLECTION_ORDERS and SKYPORT_COLLECTION_IDEMPOTENCY_KEYS put them (else `orders` and
 * `idempotency-keys`). The tables are the template's on AWS; locally, `ensure` them first.
 */
export function dynamoDbStores(env: Env): Stores {
  return orderStoresOn(dynamoDbDocuments(env));
}
