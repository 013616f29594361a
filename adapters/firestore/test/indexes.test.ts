import { readdirSync, readFileSync } from "node:fs";
import { Firestore, type Query } from "@google-cloud/firestore";
import { afterAll, describe, expect, it } from "vitest";
import { COMPOSITE_INDEXES, EXPIRES_AT, FIELD_OVERRIDES, IDEMPOTENCY_KEYS, ORDERS, type CompositeIndex } from "../src/index.js";
import { byCustomer, byStatus } from "../src/order-queries.js";
import { servingIndex } from "./serving-index.js";

const INDEX_FILE = new URL("../../../deploy/gcp/firestore.indexes.json", import.meta.url);
const file = JSON.parse(readFileSync(INDEX_FILE, "utf8")) as { indexes: CompositeIndex[]; fieldOverrides: unknown[] };

// Building queries sends nothing: this client never connects.
const firestore = new Firestore({ projectId: "demo-indexes" });
afterAll(() => firestore.terminate());
const orders = firestore.collection(ORDERS);

/** Every query shape the store issues (paging adds startAfter and limit, which no index involves). */
const QUERIES: [string, Query][] = [
  ["listByCustomer", byCustomer(orders, "cus_1")],
  ["listByStatus", byStatus(orders, "cancelled")],
  ["listByStatus with createdBefore", byStatus(orders, "pending", "2026-01-01T00:00:00.000Z")],
];

describe("deploy/gcp/firestore.indexes.json", () => {
  it("holds exactly the composite indexes the store declares", () => {
    expect(file.indexes).toEqual(COMPOSITE_INDEXES);
  });

  it("holds the field overrides, with the TTL policy on the idempotency records' expiry", () => {
    expect(file.fieldOverrides).toEqual(FIELD_OVERRIDES);
    expect(file.fieldOverrides).toContainEqual({ collectionGroup: IDEMPOTENCY_KEYS, fieldPath: EXPIRES_AT, ttl: true, indexes: [] });
  });

  it.each(QUERIES)("serves %s with one of its composite indexes", (_, query) => {
    expect(servingIndex(query, file.indexes)).toBeDefined();
  });

  it("would notice a query that no index serves", () => {
    const withoutStatus = file.indexes.filter((index) => index.fields[0]?.fieldPath !== "status");
    expect(servingIndex(byStatus(orders, "pending"), withoutStatus)).toBeUndefined();
    const reversed = byCustomer(orders, "cus_1").orderBy("total");
    expect(servingIndex(reversed, file.indexes)).toBeUndefined();
  });

  // src/documents/collection-query.ts builds the collections' queries; documents-indexes.test.ts covers those.
  it("has every query built in src/order-queries.ts, the module these cases cover", () => {
    const sources = new URL("../src/", import.meta.url);
    const building = readdirSync(sources, { recursive: true, encoding: "utf8" })
      .filter((path) => path.endsWith(".ts") && path !== "order-queries.ts" && path !== "documents/collection-query.ts")
      .filter((path) => /\.(where|orderBy|collectionGroup)\(/.test(readFileSync(new URL(path, sources), "utf8")));
    expect(building).toEqual([]);
  });
});
