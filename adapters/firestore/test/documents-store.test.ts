import { Firestore, Timestamp } from "@google-cloud/firestore";
import { collection, ConfigError, planQuery, type Query as PortQuery } from "@skyport/core";
import { contractCollections } from "@skyport/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firestoreLocation } from "../src/documents/collection-location.js";
import { partitionQuery } from "../src/documents/collection-query.js";
import { collectionIndexes, CollectionKeyMismatch, DOCUMENT_FIELDS, documentId, firestoreDocuments, firestoreSettings } from "../src/index.js";
import { emulatorEnv } from "./emulator-env.js";
import { servingIndex } from "./serving-index.js";
import { warmedUp } from "./warmed-up.js";

describe("collectionIndexes (what deploy creates; the emulator needs none)", () => {
  const { loans, profiles, all } = contractCollections();
  const env = { [`SKYPORT_COLLECTION_${loans.name.toUpperCase().replace(/-/g, "_")}`]: "lending-loans" };
  const { indexes, fieldOverrides } = collectionIndexes(env, all);
  // Building queries sends nothing: this client never connects.
  const firestore = new Firestore({ projectId: "demo-documents-indexes" });
  afterAll(() => firestore.terminate());
  const queryOf = (declaration: typeof loans | typeof profiles, location: string, query: PortQuery, after = false) => {
    const plan = planQuery(declaration, query);
    const position = after ? { sort: "s", key: { member: "m", id: "i", handle: "h" } } : undefined;
    return partitionQuery(firestore.collection(location), declaration, plan, position, plan.limit + 1);
  };

  const QUERIES: [string, ReturnType<typeof queryOf>][] = [
    ["the key", queryOf(loans, "lending-loans", { where: { member: "m" } })],
    ["the key, descending, after a cursor", queryOf(loans, "lending-loans", { where: { member: "m" }, descending: true }, true)],
    ["the key, beginsWith", queryOf(loans, "lending-loans", { where: { member: "m" }, sort: { beginsWith: "a" } })],
    ["the key, between, descending", queryOf(loans, "lending-loans", { where: { member: "m" }, sort: { between: ["a", "b"] }, descending: true })],
    ["an index with a sort field", queryOf(loans, "lending-loans", { index: "by-book", where: { bookId: "b" }, sort: { gte: "2026" } }, true)],
    ["an index with a sort field, descending", queryOf(loans, "lending-loans", { index: "by-book", where: { bookId: "b" }, descending: true })],
    ["an index without one", queryOf(profiles, profiles.name, { index: "by-email", where: { email: "e" } }, true)],
    ["an index without one, descending", queryOf(profiles, profiles.name, { index: "by-email", where: { email: "e" }, descending: true })],
  ];

  it.each(QUERIES)("serves a query on %s with one of its composite indexes", (_, query) => {
    expect(servingIndex(query, indexes)).toBeDefined();
  });

  it("needs none for a key without a sort field: its equality is served by the automatic index", () => {
    const query = queryOf(profiles, profiles.name, { where: { handle: "h" } });
    expect((query as unknown as { toStructuredQuery(): { orderBy?: unknown[] } }).toStructuredQuery().orderBy ?? []).toEqual([]);
  });

  it("would notice a query that no index serves", () => {
    const [, query] = QUERIES[4]!;
    expect(
      servingIndex(
        query,
        indexes.filter((index) => !index.fields.some((field) => field.fieldPath === "k_due")),
      ),
    ).toBeUndefined();
  });

  it("lists the TTL policy on the expiry Timestamp and no indexes on the JSON text, where each collection lives", () => {
    expect(fieldOverrides).toContainEqual({ collectionGroup: "lending-loans", fieldPath: DOCUMENT_FIELDS.expiresAt, ttl: true, indexes: [] });
    // `$document` (core's STORED_FIELDS) is no plain field name: index definitions and gcloud take it in backticks.
    expect(fieldOverrides).toContainEqual({ collectionGroup: profiles.name, fieldPath: "`$document`", indexes: [] });
    expect(fieldOverrides).toContainEqual({ collectionGroup: profiles.name, fieldPath: "`$version`", indexes: [] });
    expect(fieldOverrides.filter((override) => override.ttl)).toHaveLength(1);
  });
});

describe("firestore documents beyond the contract", () => {
  const env = emulatorEnv("documents-store");
  const documents = firestoreDocuments(env);
  const raw = new Firestore(firestoreSettings(env));
  beforeAll(() => warmedUp(documents));
  afterAll(async () => {
    await documents.close();
    await raw.terminate();
  });

  it("stores the value's JSON text beside its key and index fields, its version and its expiry as a Timestamp", async () => {
    const { loans } = contractCollections();
    await documents.ensure([loans]);
    const loan = { member: "ada/lovelace", id: "loan-1", bookId: "b", note: { nested: [[1.5]] }, expiresAt: "2999-01-01T00:00:00+01:00" };
    const { version } = await documents.collection(loans).put(loan);
    const stored = (
      await raw
        .collection(loans.name)
        .doc(documentId(["ada/lovelace", "loan-1"]))
        .get()
    ).data()!;
    expect(stored).toEqual({
      $document: JSON.stringify(loan),
      $version: version,
      k_member: "ada/lovelace",
      k_id: "loan-1",
      k_bookId: "b",
      expiresAt: Timestamp.fromDate(new Date("2998-12-31T23:00:00Z")),
    });
    // A replacement without the index fields and the expiry leaves none of them behind.
    const current = await documents.collection(loans).put({ member: loan.member, id: loan.id }, { ifVersion: version });
    expect(
      (
        await raw
          .collection(loans.name)
          .doc(documentId(["ada/lovelace", "loan-1"]))
          .get()
      ).data(),
    ).toEqual({
      $document: JSON.stringify({ member: loan.member, id: loan.id }),
      $version: current.version,
      k_member: "ada/lovelace",
      k_id: "loan-1",
    });
  });

  it("finds every sort value that begins with a prefix, also those past U+F8FF, the bound a \\uf8ff suffix would give", async () => {
    const { loans } = contractCollections();
    const partition = `member-${Date.now()}`;
    const ids = ["a", "a\u{F8FF}", "a\u{FFFD}", "a\u{1F600}", "a\u{10FFFF}", "b", "\u{F8FF}"];
    await documents.collection(loans).putMany(ids.map((id) => ({ member: partition, id })));
    const page = await documents.collection(loans).query({ where: { member: partition }, sort: { beginsWith: "a" } });
    expect(page.items.map((item) => item.value.id)).toEqual(ids.slice(0, 5));
  });

  it("ensure() records a collection once, adds an index, and refuses a location that holds another key, naming both", async () => {
    const name = contractCollections().loans.name;
    const first = collection<{ member: string; id: string; bookId?: string }>(name, { key: ["member", "id"] });
    await documents.ensure([first]);
    const indexed = collection<{ member: string; id: string; bookId?: string }>(name, { key: ["member", "id"], indexes: { "by-book": ["bookId"] } });
    await documents.ensure([indexed]);
    await documents.ensure([indexed]);
    const rekeyed = collection<{ member: string; loanId: string }>(name, { key: ["member", "loanId"] });
    const refused = await documents.ensure([rekeyed]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CollectionKeyMismatch);
    expect((refused as Error).message).toBe(`Firestore collection "${name}" exists with the key [member, id], but the declaration gives [member, loanId]`);
  });
});

describe("firestoreLocation", () => {
  it("refuses a location Firestore cannot take as a collection id, naming the variable", async () => {
    const { loans } = contractCollections();
    const variable = `SKYPORT_COLLECTION_${loans.name.toUpperCase().replace(/-/g, "_")}`;
    for (const location of [".", "..", "__loans__"]) {
      const documents = firestoreDocuments({ GOOGLE_CLOUD_PROJECT: "demo-location", [variable]: location });
      const refused = await Promise.resolve()
        .then(() => documents.collection(loans))
        .catch((error: unknown) => error)
        .finally(() => documents.close());
      expect(refused).toBeInstanceOf(ConfigError);
      expect((refused as ConfigError).variable).toBe(variable);
    }
    expect(firestoreLocation({ [variable]: "lending.loans_2" }, loans)).toBe("lending.loans_2");
  });
});
