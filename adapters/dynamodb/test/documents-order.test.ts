import { randomUUID } from "node:crypto";
import { collection, memoryDocuments, type Collection, type Query, type SortCondition } from "@skyport/core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dynamoDbDocuments } from "../src/index.js";
import { dynamoDbLocalEnv } from "../src/testing/index.js";

interface Entry {
  member: string;
  id: string;
  tag?: string;
  due?: string;
}

/**
 * What the conformance suite's short keys never reach: index sort keys cut at 256 code points (long
 * sort values and keys that tie there), operands over DynamoDB's 1024-byte key limit, and a prefix
 * read on from a cursor. memoryDocuments is the oracle: every page must match its pages.
 */
const suffix = randomUUID().slice(0, 8);
const entries = collection<Entry>(`order-${suffix}`, { key: ["member", "id"], indexes: { "by-tag": ["tag", "due"], "tag-only": ["tag"] } });
const long = (char: string) => char.repeat(300);
const tails = ["", "b", "\u0000", "\u{FFFD}", "😀"];
const members = ["m-a", `m-${long("z")}`];

// The SDK reads its endpoint and region from the standard variables, as in production.
Object.assign(process.env, dynamoDbLocalEnv(inject("dynamoDbEndpoint")));
const dynamoDb = dynamoDbDocuments(process.env);
const memory = memoryDocuments();
let stores: [Collection<Entry>, Collection<Entry>];

const values: Entry[] = [];
for (const member of members)
  for (const [i, tail] of tails.entries()) {
    const tag = `tag-${suffix}`;
    values.push({ member, id: `${long("i")}${tail}`, tag, due: `${long("d")}${tails[(i * 3) % tails.length]}` });
    values.push({ member, id: `short${tail}`, tag, due: i % 2 === 0 ? "2026-12-01" : `${long("d")}${tail}` });
  }
values.push({ member: "m-a", id: "no-due", tag: `tag-${suffix}` });

beforeAll(async () => {
  await dynamoDb.ensure([entries]);
  stores = [dynamoDb.collection(entries), memory.collection(entries)];
  // Shuffled, so that DynamoDB's own order of equal keys cannot happen to be right.
  const shuffled = [...values].sort(() => Math.random() - 0.5);
  for (const store of stores) expect((await store.putMany(shuffled)).every((outcome) => "version" in outcome)).toBe(true);
});
afterAll(() => dynamoDb.close());

async function pages(store: Collection<Entry>, query: Query): Promise<string[][]> {
  const found: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query({ ...query, ...(cursor !== undefined && { cursor }) });
    found.push(page.items.map((item) => `${item.value.member.slice(0, 3)}/${item.value.id}/${item.value.due ?? ""}`));
    cursor = page.cursor;
  } while (cursor !== undefined);
  return found;
}

const operands = ["", long("d"), `${long("d")}\u0000`, "x".repeat(1100), `${long("i")}é`, "short"];
const conditions: (SortCondition | undefined)[] = [
  undefined,
  ...operands.flatMap((x): SortCondition[] => [{ gt: x }, { gte: x }, { lt: x }, { lte: x }, { beginsWith: x }]),
  { between: [long("d"), `${long("d")}b`] },
  { between: ["b", "a"] },
];

describe("queries on DynamoDB answer page for page as memoryDocuments", () => {
  for (const [name, base] of [
    ["an index with a sort field", { index: "by-tag", where: { tag: `tag-${suffix}` } }],
    ["the table's key", { where: { member: "m-a" } }],
    ["the table's key, a long partition", { where: { member: members[1]! } }],
  ] as const) {
    it(`on ${name}, under every condition, both ways, in pages of 3 and 100`, { timeout: 60_000 }, async () => {
      for (const sort of conditions)
        for (const descending of [false, true])
          for (const limit of [3, 100]) {
            const query: Query = { ...base, ...(sort && { sort }), descending, limit };
            const [fromDynamoDb, fromMemory] = await Promise.all(stores.map((store) => pages(store, query)));
            expect(fromDynamoDb, JSON.stringify(query).slice(0, 300)).toEqual(fromMemory);
          }
    });
  }

  it("on an index without a sort field: by the primary key, long keys included", async () => {
    for (const descending of [false, true])
      for (const limit of [1, 5, 100]) {
        const query: Query = { index: "tag-only", where: { tag: `tag-${suffix}` }, descending, limit };
        const [fromDynamoDb, fromMemory] = await Promise.all(stores.map((store) => pages(store, query)));
        expect(fromDynamoDb).toEqual(fromMemory);
      }
  });
});
