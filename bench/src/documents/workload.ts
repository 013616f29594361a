import { collection, type Collection } from "@skyport/core";

/** The bench's document: an order-sized value, keyed by tenant (partition) and id (sort). */
export interface BenchDocument {
  tenant: string;
  id: string;
  customer: string;
  status: string;
  total: number;
  items: { sku: string; quantity: number; unitPrice: number }[];
  updatedAt: string;
}

/** Where the portable side writes; the raw side writes the same layout at its own location, so neither reads the other's items. */
export const portableDeclaration = collection<BenchDocument>("bench-portable", { key: ["tenant", "id"] });
export const rawDeclaration = collection<BenchDocument>("bench-raw", { key: ["tenant", "id"] });
export const RAW_LOCATION = rawDeclaration.name;

export const PAGE = 20;
export const BATCH = 100;
/** The queried partition holds more than a page, so that a page is full and has a next one. */
export const QUERIED = 50;

export function benchDocument(tenant: string, id: string, n: number): BenchDocument {
  const items = [
    { sku: `SKU-${n % 31}`, quantity: 1 + (n % 3), unitPrice: 1999 },
    { sku: "SKU-GIFT", quantity: 1, unitPrice: 499 },
  ];
  const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  return {
    tenant,
    id,
    customer: `cus-${n % 97}`,
    status: n % 2 ? "confirmed" : "pending",
    total,
    items,
    updatedAt: new Date(1_780_000_000_000 + n).toISOString(),
  };
}

export const idOf = (i: number) => `doc-${String(i).padStart(4, "0")}`;

/**
 * One way to do the five operations on a store: through the portable collection, or by hand with
 * the SDK. `V` is what that side holds as a document's version (ours, an etag, an update time).
 */
export interface DocumentSide<V = unknown> {
  get(tenant: string, id: string): Promise<BenchDocument | undefined>;
  /** Rejects when the key is taken. */
  create(document: BenchDocument): Promise<V>;
  /** Replaces the stored document only if it is still at `version`, else rejects. */
  put(document: BenchDocument, version: V): Promise<V>;
  /** The first `PAGE` documents of the tenant, by id. */
  queryPage(tenant: string): Promise<BenchDocument[]>;
  /** Upserts the documents in the store's own batch calls; rejects unless each was written. */
  putMany(documents: readonly BenchDocument[]): Promise<void>;
}

/** The portable API's side: `Collection<T>` as an app calls it. */
export function portableSide(documents: Collection<BenchDocument>): DocumentSide<string> {
  return {
    get: async (tenant, id) => (await documents.get({ tenant, id }))?.value,
    create: async (document) => (await documents.create(document)).version,
    put: async (document, version) => (await documents.put(document, { ifVersion: version })).version,
    queryPage: async (tenant) => (await documents.query({ where: { tenant }, limit: PAGE })).items.map((item) => item.value),
    async putMany(values) {
      const failed = (await documents.putMany(values)).find((outcome) => "error" in outcome);
      if (failed && "error" in failed) throw failed.error;
    },
  };
}

/** Both sides on one store, and how to let it go. */
export interface StorePair {
  store: string;
  /** What it ran on (the emulator). */
  on: string;
  portable: DocumentSide;
  raw: DocumentSide;
  stop(): Promise<void>;
}
