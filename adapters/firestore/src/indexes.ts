import { EXPIRES_AT, IDEMPOTENCY_KEYS, ORDER_FIELDS, ORDERS } from "./collections.js";

/** One entry of `firestore.indexes.json` (the format `firebase deploy` and our deploy script read). */
export interface CompositeIndex {
  collectionGroup: string;
  queryScope: "COLLECTION";
  /** The implicit last field, `__name__`, takes the direction of the last field listed. */
  fields: { fieldPath: string; order: "ASCENDING" | "DESCENDING" }[];
}

export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  ttl?: boolean;
  /** Empty: no single-field indexes for this field. */
  indexes: never[];
}

/**
 * The composite indexes the store's queries need; deploy/gcp/firestore.indexes.json must hold
 * exactly these (a test compares them, and checks every query against them).
 */
export const COMPOSITE_INDEXES: CompositeIndex[] = [
  {
    // listByCustomer: customerId ==, newest first, id breaks ties.
    collectionGroup: ORDERS,
    queryScope: "COLLECTION",
    fields: [
      { fieldPath: ORDER_FIELDS.customerId, order: "ASCENDING" },
      { fieldPath: ORDER_FIELDS.createdAt, order: "DESCENDING" },
    ],
  },
  {
    // listByStatus: status ==, createdAt < cutoff, oldest first.
    collectionGroup: ORDERS,
    queryScope: "COLLECTION",
    fields: [
      { fieldPath: ORDER_FIELDS.status, order: "ASCENDING" },
      { fieldPath: ORDER_FIELDS.createdAt, order: "ASCENDING" },
    ],
  },
];

export const FIELD_OVERRIDES: FieldOverride[] = [
  // The TTL policy deletes expired records; a monotonic timestamp indexed would only add write hot spots.
  { collectionGroup: IDEMPOTENCY_KEYS, fieldPath: EXPIRES_AT, ttl: true, indexes: [] },
  // Items are never queried: indexing each line of every order would only cost writes.
  { collectionGroup: ORDERS, fieldPath: ORDER_FIELDS.items, indexes: [] },
];
