import { changeFeedOf } from "../../collections/change.js";
import type { Documents } from "../../collections/collection.js";
import type { Stores } from "../stores.js";
import { idempotencyCollection, ordersCollection } from "./collections.js";
import { collectionIdempotencyStore } from "../../idempotency/collection-store.js";
import type { OrderCache } from "./order-cache.js";
import { collectionOrderStore } from "./order-store.js";

/**
 * The order service's two stores on any store's documents, written once: each store package gives
 * only its `Documents`, whose change feed (where they keep one) the changes functions read as `changes`.
 * With an order cache, GET /orders/{id} reads through it and every write of an order keeps it right.
 */
export function orderStoresOn(documents: Documents, { cache }: { cache?: OrderCache } = {}): Stores {
  return {
    orders: collectionOrderStore(documents.collection(ordersCollection), cache),
    idempotency: collectionIdempotencyStore(documents.collection(idempotencyCollection)),
    ...(documents.changes && { changes: changeFeedOf(documents.changes) }),
    documents,
    close: () => documents.close(),
  };
}
