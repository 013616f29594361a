import { FieldPath, type CollectionReference, type Query } from "@google-cloud/firestore";
import type { OrderStatus } from "@skyport/core";
import { ORDER_FIELDS } from "./collections.js";
import { timestampOf } from "./order-document.js";

// Every query the store issues is built here; test/indexes.test.ts checks each against the index file.

/** A customer's orders, newest first; the document id (the order id) breaks ties. */
export function byCustomer(orders: CollectionReference, customerId: string): Query {
  return orders.where(ORDER_FIELDS.customerId, "==", customerId).orderBy(ORDER_FIELDS.createdAt, "desc").orderBy(FieldPath.documentId(), "desc");
}

/** Orders in one status, oldest first, optionally only those created before an instant. */
export function byStatus(orders: CollectionReference, status: OrderStatus, createdBefore?: string): Query {
  let query = orders.where(ORDER_FIELDS.status, "==", status);
  if (createdBefore !== undefined) query = query.where(ORDER_FIELDS.createdAt, "<", timestampOf(createdBefore));
  return query.orderBy(ORDER_FIELDS.createdAt, "asc").orderBy(FieldPath.documentId(), "asc");
}
