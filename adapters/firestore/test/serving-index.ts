import type { Query } from "@google-cloud/firestore";
import type { CompositeIndex } from "../src/index.js";

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
export function structured(query: Query): StructuredQuery {
  const sdk = query as unknown as { toStructuredQuery?: () => StructuredQuery };
  if (typeof sdk.toStructuredQuery !== "function") throw new Error("Query.toStructuredQuery is gone from @google-cloud/firestore: update this reader");
  return sdk.toStructuredQuery();
}

/**
 * The composite index that serves a query: its collection, the equality fields first (in any
 * order), then exactly the query's ORDER BY, ending with __name__ in the last field's direction.
 */
export function servingIndex(query: Query, indexes: CompositeIndex[]): CompositeIndex | undefined {
  const q = structured(query);
  const filters = q.where?.compositeFilter ? q.where.compositeFilter.filters.map((f) => f.fieldFilter!) : q.where?.fieldFilter ? [q.where.fieldFilter] : [];
  if (q.where?.compositeFilter && q.where.compositeFilter.op !== "AND") return undefined;
  const equalities = filters.filter((f) => f.op === "EQUAL").map((f) => f.field.fieldPath);
  const ranges = filters.filter((f) => f.op !== "EQUAL").map((f) => f.field.fieldPath);
  const orderBy = q.orderBy ?? [];
  // Firestore orders by __name__ last, in the last field's direction, where the query does not.
  const last = orderBy.at(-1);
  const named =
    last === undefined || last.field.fieldPath === "__name__" ? orderBy : [...orderBy, { field: { fieldPath: "__name__" }, direction: last.direction }];
  const order = named.map((o) => `${o.field.fieldPath} ${o.direction}`);
  if (!ranges.every((field) => order.some((o) => o.startsWith(`${field} `)))) return undefined;
  return indexes.find((index) => {
    if (index.collectionGroup !== q.from[0]?.collectionId || q.from[0]?.allDescendants || index.queryScope !== "COLLECTION") return false;
    const leading = index.fields.slice(0, equalities.length).map((f) => f.fieldPath);
    const rest = index.fields.slice(equalities.length).map((f) => `${f.fieldPath} ${f.order}`);
    const implicitName = `__name__ ${index.fields.at(-1)!.order}`;
    return new Set(leading).size === equalities.length && equalities.every((e) => leading.includes(e)) && [...rest, implicitName].join() === order.join();
  });
}
