import { readdirSync, readFileSync } from "node:fs";
import { Firestore, type Query } from "@google-cloud/firestore";
import { idempotencyCollection, planQuery, type CollectionDeclaration, type Query as PortQuery } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { afterAll, describe, expect, it } from "vitest";
import { partitionQuery } from "../src/documents/collection-query.js";
import { collectionIndexes, type CompositeIndex } from "../src/index.js";
import { servingIndex } from "./serving-index.js";

const INDEX_FILE = new URL("../../../deploy/gcp/firestore.indexes.json", import.meta.url);
const file = JSON.parse(readFileSync(INDEX_FILE, "utf8")) as { indexes: CompositeIndex[]; fieldOverrides: unknown[] };
// What deploy.sh creates: the order service's collections where they live by default (each stage has a database of its own).
const declared = collectionIndexes({}, [ordersCollection, idempotencyCollection]);

// Building queries sends nothing: this client never connects.
const firestore = new Firestore({ projectId: "demo-indexes" });
afterAll(() => firestore.terminate());
const queryOf = <T>(declaration: CollectionDeclaration<T>, query: PortQuery, after = false): Query => {
  const plan = planQuery(declaration, query);
  const position = after ? { sort: "2026-01-01T00:00:00.000Z", key: { id: "ord_1" } } : undefined;
  return partitionQuery(firestore.collection(declaration.name), declaration, plan, position, plan.limit + 1);
};

/** Every query shape the order store issues (core's collectionOrderStore), first page and after a cursor. */
const QUERIES: [string, Query][] = [
  ["a customer's orders, newest first", queryOf(ordersCollection, { index: "by-customer", where: { customerId: "cus_1" }, descending: true })],
  ["a customer's orders, after a cursor", queryOf(ordersCollection, { index: "by-customer", where: { customerId: "cus_1" }, descending: true }, true)],
  ["orders in a status", queryOf(ordersCollection, { index: "by-status", where: { status: "cancelled" } })],
  [
    "orders in a status created before a cutoff, after a cursor",
    queryOf(ordersCollection, { index: "by-status", where: { status: "pending" }, sort: { lt: "2026-01-01T00:00:00.000Z" } }, true),
  ],
];

describe("deploy/gcp/firestore.indexes.json", () => {
  it("holds exactly the composite indexes and field overrides collectionIndexes() lists for the order service's collections", () => {
    expect(file).toEqual({ indexes: declared.indexes, fieldOverrides: declared.fieldOverrides });
  });

  it("holds the TTL policy on the idempotency keys' expiry Timestamp, and on nothing else", () => {
    expect(file.fieldOverrides.filter((override) => (override as { ttl?: boolean }).ttl)).toEqual([
      { collectionGroup: "idempotency-keys", fieldPath: "expiresAt", ttl: true, indexes: [] },
    ]);
  });

  it.each(QUERIES)("serves %s with one of its composite indexes", (_, query) => {
    expect(servingIndex(query, file.indexes)).toBeDefined();
  });

  it("would notice a query that no index serves", () => {
    const withoutStatus = file.indexes.filter((index) => index.fields[0]?.fieldPath !== "k_status");
    expect(servingIndex(QUERIES[2]![1], withoutStatus)).toBeUndefined();
  });

  // The collections' queries are all built in one module, which documents-store.test.ts and the cases above cover.
  it("has every query built in src/documents/collection-query.ts", () => {
    const sources = new URL("../src/", import.meta.url);
    const building = readdirSync(sources, { recursive: true, encoding: "utf8" })
      .filter((path) => path.endsWith(".ts") && path !== "documents/collection-query.ts")
      .filter((path) => /\.(where|orderBy|collectionGroup)\(/.test(readFileSync(new URL(path, sources), "utf8")));
    expect(building).toEqual([]);
  });
});
