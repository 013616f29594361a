import { randomUUID } from "node:crypto";
import type { Documents } from "../collections/collection.js";
import { collection, type CollectionDeclaration } from "../collections/declaration.js";

/** The documents the conformance suite keeps: a key with a sort field, an index, an expiry. */
export interface Loan {
  member: string;
  id: string;
  bookId?: string;
  due?: string;
  expiresAt?: string;
  note?: unknown;
}

/** A key without a sort field, and an index without one. */
export interface Profile {
  handle: string;
  email?: string;
  tags?: unknown;
}

/** What the documents contract runs on: a store's documents, and what its local stand-in lacks. */
export interface DocumentsUnderTest {
  documents: Documents;
  /**
   * What this store's local stand-in lacks that the real service guarantees, each with the reason:
   * the suite checks the stand-in's behaviour for what it is, and the adapter's own tests check the
   * case on the service's documented shape.
   */
  standInLimitations?: {
    /** The stand-in applies a batch's earlier operations though a later one fails (the Cosmos DB server). */
    transactNotAtomic?: string;
  };
  close?(): Promise<void>;
}

/** Collections of their own for each run, so that suites sharing an emulator do not see each other's documents. */
export function contractCollections() {
  const suffix = randomUUID().slice(0, 8);
  const loans = collection<Loan>(`loans-${suffix}`, { key: ["member", "id"], indexes: { "by-book": ["bookId", "due"] }, expiresAt: "expiresAt" });
  const profiles = collection<Profile>(`profiles-${suffix}`, { key: ["handle"], indexes: { "by-email": ["email"] } });
  return { loans, profiles, all: [loans, profiles] as CollectionDeclaration<unknown>[] };
}

/** A member (a partition) no other test uses. */
export const member = () => `member-${randomUUID()}`;

/** An instant `ms` from now, as an ISO 8601 date-time. */
export const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
