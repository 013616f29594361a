import { randomBytes } from "node:crypto";
import type { Container } from "@azure/cosmos";
import { collection, DocumentExists, planQuery, STORED_FIELDS, VersionConflict, type Collection, type Documents } from "@skyport/core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TOMBSTONE_TTL_SECONDS, type StoredItem } from "../src/documents/item.js";
import { itemQuery } from "../src/documents/item-query.js";
import { cosmosDocuments } from "../src/index.js";
import { scannedContainers } from "../src/scanned-containers.js";
import { emulatorAgent, emulatorClient, emulatorEnv, storedItemOf } from "../src/testing/index.js";

const server = inject("cosmos");

interface Loan {
  member: string;
  id: string;
  bookId?: string;
  note?: string;
}

/**
 * Deletes on Cosmos DB leave a tombstone (README "Deletes"), since the change feed in latest-version
 * mode carries no deletes: every call takes it for absent, a write takes its place, and the scan the
 * local server reads no longer lists the document. On the Cosmos DB server, items read back as stored.
 */
describe("cosmos documents: deletes leave tombstones", () => {
  const loans = collection<Loan>(`loans-${randomBytes(3).toString("hex")}`, { key: ["member", "id"], indexes: { "by-book": ["bookId"] } });
  const env = emulatorEnv(server, `tombstones_${randomBytes(4).toString("hex")}`);
  const client = emulatorClient(server);
  let documents: Documents;
  let container: Container;
  let collectionOf: Collection<Loan>;
  let member: string;
  const stored = (id: string) => storedItemOf(container, loans, { member, id });
  const fresh = () => `m${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    documents = cosmosDocuments(env, { agent: emulatorAgent() });
    await documents.ensure([loans]);
    container = client.database(env.SKYPORT_COSMOS_DATABASE!).container(loans.name);
    collectionOf = documents.collection(loans);
  });
  afterAll(async () => {
    await documents.close();
    client.dispose();
  });

  it("a delete keeps the document and the version deleted in a marked item with a TTL, out of every index", async () => {
    member = fresh();
    const { version } = await collectionOf.create({ member, id: "a", bookId: "b1" });
    expect(await collectionOf.delete({ member, id: "a" })).toBe(true);
    const tombstone = await stored("a");
    expect(tombstone).toMatchObject({
      [STORED_FIELDS.deleted]: true,
      [STORED_FIELDS.version]: version,
      [STORED_FIELDS.document]: JSON.stringify({ member, id: "a", bookId: "b1" }),
      p_member: member,
      ttl: TOMBSTONE_TTL_SECONDS,
    });
    expect(tombstone).not.toHaveProperty("i_by_book");
    expect(tombstone).not.toHaveProperty("o_by_book");
  });

  it("takes a tombstone for absent: get, queries, a second delete, and every condition on the version deleted", async () => {
    member = fresh();
    const { version } = await collectionOf.create({ member, id: "a", bookId: "b-absent" });
    await collectionOf.delete({ member, id: "a" });
    const { _etag } = (await stored("a"))!;
    expect(await collectionOf.get({ member, id: "a" })).toBeUndefined();
    expect((await collectionOf.query({ where: { member } })).items).toEqual([]);
    expect((await collectionOf.query({ index: "by-book", where: { bookId: "b-absent" } })).items).toEqual([]);
    // Nothing written: a second tombstone would be a second delete on the change feed.
    expect(await collectionOf.delete({ member, id: "a" })).toBe(false);
    expect((await stored("a"))!._etag).toBe(_etag);
    const key = { member, id: "a" };
    await expect(collectionOf.put({ member, id: "a" }, { ifVersion: version })).rejects.toBeInstanceOf(VersionConflict);
    await expect(collectionOf.delete(key, { ifVersion: version })).rejects.toBeInstanceOf(VersionConflict);
    await expect(collectionOf.transact([{ check: key, ifVersion: version }])).rejects.toBeInstanceOf(VersionConflict);
    await expect(collectionOf.transact([{ put: { member, id: "a" }, ifVersion: version }])).rejects.toBeInstanceOf(VersionConflict);
    expect(await collectionOf.transact([{ delete: key }])).toEqual([{}]);
    expect((await stored("a"))!._etag).toBe(_etag);
  });

  it("a page's query leaves tombstones out itself, not only the reading after it", async () => {
    member = fresh();
    for (const id of ["a", "b", "c"]) await collectionOf.create({ member, id });
    for (const id of ["a", "b"]) await collectionOf.delete({ member, id });
    const spec = itemQuery(loans, planQuery(loans, { where: { member } }), undefined, 10, Date.now());
    const { resources } = await container.items.query<StoredItem>(spec, { partitionKey: member }).fetchAll();
    expect(resources.map(({ id }) => id)).toEqual(["c"]);
  });

  it("create, put, putMany and a transaction's create take a tombstone's place, each with a version never used before", async () => {
    member = fresh();
    const writes: Record<string, (value: Loan) => Promise<string>> = {
      create: async (value) => (await collectionOf.create(value)).version,
      put: async (value) => (await collectionOf.put(value)).version,
      putMany: async (value) => ((await collectionOf.putMany([value]))[0] as { version: string }).version,
      transact: async (value) => ((await collectionOf.transact([{ create: value }]))[0] as { version: string }).version,
    };
    for (const [write, run] of Object.entries(writes)) {
      const { version: deleted } = await collectionOf.create({ member, id: write, note: "first" });
      await collectionOf.delete({ member, id: write });
      const version = await run({ member, id: write, note: "again" });
      expect(version, write).not.toBe(deleted);
      expect(await collectionOf.get({ member, id: write }), write).toEqual({ value: { member, id: write, note: "again" }, version });
      expect(await stored(write), write).not.toHaveProperty(STORED_FIELDS.deleted);
    }
  });

  it("a transaction's delete leaves a tombstone too", async () => {
    member = fresh();
    const { version } = await collectionOf.create({ member, id: "t" });
    expect(await collectionOf.transact([{ delete: { member, id: "t" }, ifVersion: version }])).toEqual([{}]);
    expect(await stored("t")).toMatchObject({ [STORED_FIELDS.deleted]: true, [STORED_FIELDS.version]: version, ttl: TOMBSTONE_TTL_SECONDS });
    expect(await collectionOf.get({ member, id: "t" })).toBeUndefined();
  });

  it("50 creates racing over one tombstone: exactly one wins, the others meet DocumentExists", async () => {
    member = fresh();
    await collectionOf.create({ member, id: "race" });
    await collectionOf.delete({ member, id: "race" });
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, n) => collectionOf.create({ member, id: "race", note: `writer-${n}` })));
    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === "rejected")) expect(outcome.reason).toBeInstanceOf(DocumentExists);
    expect((await collectionOf.get({ member, id: "race" }))?.value.note).toBe(won[0]!.value.value.note);
  });

  it("the local server's scan lists a deleted document no longer (its tombstone keeps the version deleted: listed, it would look unchanged)", async () => {
    member = fresh();
    await collectionOf.create({ member, id: "kept" });
    await collectionOf.create({ member, id: "gone" });
    await collectionOf.delete({ member, id: "gone" });
    const scan = scannedContainers(client.database(env.SKYPORT_COSMOS_DATABASE!), env, new Map([[loans.name, loans]]));
    const listed: string[] = [];
    for await (const { key } of scan.versions(loans.name)) if (key.startsWith(`${member}/`)) listed.push(key);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(/^m[0-9a-f]+\/kept$/);
  });
});
