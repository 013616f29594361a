import { readdirSync, readFileSync } from "node:fs";
import { Firestore, type Query } from "@google-cloud/firestore";
import { afterAll, describe, expect, it } from "vitest";
import { COMPOSITE_INDEXES, EXPIRES_AT, FIELD_OVERRIDES, IDEMPOTENCY_KEYS, ORDERS, type CompositeIndex } from "../src/index.js";
import { byCustomer, byStatus } from "../src/order-queries.js";

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

type Direction = "ASCENDING" | "DESCENDING";
interface FieldFilter {
  field: { fieldPath: string };
  op: string;
}
interface StructuredQuery {
  from: { collectionId: string; allDescendants?: boolean }[];
  where?: { fieldFilter?: FieldFilter; compositeFilter?: { op: string; filters: { fieldFilter?: FieldFilter }[] } };
  orderBy?: { field: { fieldPath: string }; direction: Direction }[];
}

/** The query as the SDK sends it (RunQueryRequest.structuredQuery). */
function structured(query: Query): StructuredQuery {
  const sdk = query as unknown as { toStructuredQuery?: () => StructuredQuery };
  if (typeof sdk.toStructuredQuery !== "function") throw new Error("Query.toStructuredQuery is gone from @google-cloud/firestore: update this reader");
  return sdk.toStructuredQuery();
}

/**
 * The composite index that serves a query: its collection, the equality fields first (in any
 * order), then exactly the query's ORDER BY, ending with __name__ in the last field's direction.
 */
function servingIndex(query: Query, indexes: CompositeIndex[]): CompositeIndex | undefined {
  const q = structured(query);
  const filters = q.where?.compositeFilter ? q.where.compositeFilter.filters.map((f) => f.fieldFilter!) : q.where?.fieldFilter ? [q.where.fieldFilter] : [];
  if (q.where?.compositeFilter && q.where.compositeFilter.op !== "AND") return undefined;
  const equalities = filters.filter((f) => f.op === "EQUAL").map((f) => f.field.fieldPath);
  const ranges = filters.filter((f) => f.op !== "EQUAL").map((f) => f.field.fieldPath);
  const order = (q.orderBy ?? []).map((o) => `${o.field.fieldPath} ${o.direction}`);
  if (!ranges.every((field) => order.some((o) => o.startsWith(`${field} `)))) return undefined;
  return indexes.find((index) => {
    if (index.collectionGroup !== q.from[0]?.collectionId || q.from[0]?.allDescendants || index.queryScope !== "COLLECTION") return false;
    const leading = index.fields.slice(0, equalities.length).map((f) => f.fieldPath);
    const rest = index.fields.slice(equalities.length).map((f) => `${f.fieldPath} ${f.order}`);
    const implicitName = `__name__ ${index.fields.at(-1)!.order}`;
    return new Set(leading).size === equalities.length && equalities.every((e) => leading.includes(e)) && [...rest, implicitName].join() === order.join();
  });
}

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

  it("has every query built in src/order-queries.ts, the module these cases cover", () => {
    const sources = new URL("../src/", import.meta.url);
    const building = readdirSync(sources, { recursive: true, encoding: "utf8" })
      .filter((path) => path.endsWith(".ts") && path !== "order-queries.ts")
      .filter((path) => /\.(where|orderBy|collectionGroup)\(/.test(readFileSync(new URL(path, sources), "utf8")));
    expect(building).toEqual([]);
  });
});
