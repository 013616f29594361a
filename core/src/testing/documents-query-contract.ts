import { describe, expect, it } from "vitest";
import type { Query, QueryPage, Versioned } from "../collections/collection.js";
import { InvalidCursor, InvalidQuery } from "../ports/errors.js";
import type { DocumentsSuite } from "./documents-contract.js";
import { member, type Loan } from "./documents-fixtures.js";

/** Every page of a query, checking that each page but the last is full and that only the last has no cursor. */
async function allPages<T>(run: (query: Query) => Promise<QueryPage<T>>, query: Query, between?: (page: number) => Promise<void>): Promise<Versioned<T>[]> {
  const items: Versioned<T>[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await run({ ...query, ...(cursor !== undefined && { cursor }) });
    pages += 1;
    items.push(...page.items);
    cursor = page.cursor;
    if (cursor !== undefined) expect(page.items).toHaveLength(query.limit ?? 100);
    if (cursor !== undefined && between) await between(pages);
  } while (cursor !== undefined && pages < 1000);
  return items;
}

const ids = (items: readonly Versioned<Loan>[]) => items.map((item) => item.value.id);

/** Sort values whose code point order differs from JavaScript's UTF-16 order (U+FFFD sorts before U+1F600). */
const SORTED_IDS = ["A", "B", "a", "a-1", "a-2", "b", "é", "\u{FFFD}", "😀"];

export function documentQueryCases(suite: DocumentsSuite) {
  describe("query", () => {
    it("reads one partition of the key in code point order of the sort field, ascending and descending", async () => {
      const partition = member();
      await suite.loans.putMany([...SORTED_IDS].reverse().map((id) => ({ member: partition, id })));
      await suite.loans.put({ member: member(), id: "a" }); // another partition
      expect(ids((await suite.loans.query({ where: { member: partition } })).items)).toEqual(SORTED_IDS);
      expect(ids((await suite.loans.query({ where: { member: partition }, descending: true })).items)).toEqual([...SORTED_IDS].reverse());
    });

    it("applies every sort condition, between inclusive", async () => {
      const partition = member();
      await suite.loans.putMany(SORTED_IDS.map((id) => ({ member: partition, id })));
      const run = async (sort: Query["sort"], descending = false) => ids((await suite.loans.query({ where: { member: partition }, sort, descending })).items);
      expect(await run({ beginsWith: "a" })).toEqual(["a", "a-1", "a-2"]);
      expect(await run({ between: ["a-1", "b"] })).toEqual(["a-1", "a-2", "b"]);
      expect(await run({ gt: "b" })).toEqual(["é", "\u{FFFD}", "😀"]);
      expect(await run({ gte: "b" })).toEqual(["b", "é", "\u{FFFD}", "😀"]);
      expect(await run({ lt: "a" })).toEqual(["A", "B"]);
      expect(await run({ lte: "a" })).toEqual(["A", "B", "a"]);
      expect(await run({ beginsWith: "a" }, true)).toEqual(["a-2", "a-1", "a"]);
      expect(await run({ between: ["c", "d"] })).toEqual([]);
    });

    it("pages with an opaque cursor: full pages, the last one without a cursor, also when it is exactly full", async () => {
      const partition = member();
      await suite.loans.putMany(Array.from({ length: 12 }, (_, i) => ({ member: partition, id: `d-${String(i).padStart(2, "0")}` })));
      const ascending = await allPages((q) => suite.loans.query(q), { where: { member: partition }, limit: 5 });
      expect(ids(ascending)).toEqual(Array.from({ length: 12 }, (_, i) => `d-${String(i).padStart(2, "0")}`));
      const descending = await allPages((q) => suite.loans.query(q), { where: { member: partition }, limit: 4, descending: true });
      expect(ids(descending)).toEqual(ids(ascending).reverse());
      const exact = await suite.loans.query({ where: { member: partition }, limit: 12 });
      expect(exact.items).toHaveLength(12);
      expect(exact.cursor).toBeUndefined();
      const conditioned = await allPages((q) => suite.loans.query(q), { where: { member: partition }, sort: { gte: "d-03" }, limit: 2 });
      expect(ids(conditioned)).toEqual(ids(ascending).slice(3));
    });

    it("neither repeats nor skips a surviving document when others are deleted between pages", async () => {
      const partition = member();
      const all = Array.from({ length: 30 }, (_, i) => `d-${String(i).padStart(2, "0")}`);
      await suite.loans.putMany(all.map((id) => ({ member: partition, id })));
      const deleted = new Set<string>();
      const seen = await allPages(
        (q) => suite.loans.query(q),
        { where: { member: partition }, limit: 7 },
        async (page) => {
          // One already read and two not yet read, around the page boundary.
          for (const id of [all[page * 7 - 1]!, all[page * 7]!, all[page * 7 + 3]!]) {
            if (id !== undefined && !deleted.has(id)) {
              deleted.add(id);
              await suite.loans.delete({ member: partition, id });
            }
          }
        },
      );
      const survivors = all.filter((id) => !deleted.has(id));
      const seenIds = ids(seen);
      expect(new Set(seenIds).size).toBe(seenIds.length);
      for (const id of survivors) expect(seenIds).toContain(id);
    });

    it("reads an index's partition by its sort field, equal sort values by primary key, and leaves out documents without its fields", async () => {
      const book = `book-${member()}`;
      const [m1, m2] = [member(), member()].sort();
      await suite.loans.putMany([
        { member: m2!, id: "x", bookId: book, due: "2026-12-02" },
        { member: m1!, id: "y", bookId: book, due: "2026-12-02" },
        { member: m1!, id: "x", bookId: book, due: "2026-12-02" },
        { member: m1!, id: "z", bookId: book, due: "2026-12-01" },
        { member: m1!, id: "no-due", bookId: book },
        { member: m1!, id: "no-book", due: "2026-12-01" },
        { member: m1!, id: "other", bookId: `${book}-other`, due: "2026-12-01" },
      ]);
      const read = async (query: Partial<Query>) =>
        (await suite.loans.query({ index: "by-book", where: { bookId: book }, ...query })).items.map(
          (item) => `${item.value.member === m1 ? "m1" : "m2"}/${item.value.id}`,
        );
      // An index may lag its writes briefly (DynamoDB's GSIs): read until it has caught up.
      await expect.poll(() => read({}), { timeout: 5000 }).toEqual(["m1/z", "m1/x", "m1/y", "m2/x"]);
      expect(await read({ descending: true })).toEqual(["m2/x", "m1/y", "m1/x", "m1/z"]);
      expect(await read({ sort: { gte: "2026-12-02" } })).toEqual(["m1/x", "m1/y", "m2/x"]);
      const paged = await allPages(async (q) => suite.loans.query(q), { index: "by-book", where: { bookId: book }, limit: 1 });
      expect(paged.map((item) => `${item.value.member === m1 ? "m1" : "m2"}/${item.value.id}`)).toEqual(["m1/z", "m1/x", "m1/y", "m2/x"]);
    });

    it("reads an index without a sort field, in primary key order", async () => {
      const email = `${member()}@example.com`;
      const handles = [member(), member(), member()].sort();
      await suite.profiles.putMany(handles.map((handle) => ({ handle, email })));
      await expect
        .poll(async () => (await suite.profiles.query({ index: "by-email", where: { email } })).items.map((item) => item.value.handle), { timeout: 5000 })
        .toEqual(handles);
      const page = await suite.profiles.query({ index: "by-email", where: { email }, limit: 2 });
      expect(page.items.map((item) => item.value.handle)).toEqual(handles.slice(0, 2));
      const rest = await suite.profiles.query({ index: "by-email", where: { email }, limit: 2, cursor: page.cursor });
      expect(rest.items.map((item) => item.value.handle)).toEqual(handles.slice(2));
      expect(rest.cursor).toBeUndefined();
    });

    it("refuses a cursor used with other parameters, or not made by a query, with InvalidCursor", async () => {
      const partition = member();
      await suite.loans.putMany(["a", "b", "c"].map((id) => ({ member: partition, id, bookId: partition })));
      const { cursor } = await suite.loans.query({ where: { member: partition }, limit: 1 });
      expect(cursor).toEqual(expect.any(String));
      const refused = [
        suite.loans.query({ where: { member: member() }, limit: 1, cursor }),
        suite.loans.query({ where: { member: partition }, limit: 1, cursor, descending: true }),
        suite.loans.query({ where: { member: partition }, limit: 1, cursor, sort: { gte: "a" } }),
        suite.loans.query({ index: "by-book", where: { bookId: partition }, limit: 1, cursor }),
        suite.loans.query({ where: { member: partition }, cursor: "garbage" }),
        suite.loans.query({ where: { member: partition }, cursor: `${cursor}x` }),
      ];
      for (const refusal of refused) await expect(refusal).rejects.toBeInstanceOf(InvalidCursor);
      // The limit may change between pages.
      expect(ids((await suite.loans.query({ where: { member: partition }, limit: 5, cursor })).items)).toEqual(["b", "c"]);
    });

    it("refuses what the declaration does not allow with InvalidQuery", async () => {
      const refused = [
        suite.loans.query({ index: "by-nothing", where: { bookId: "b" } }),
        suite.loans.query({ where: { bookId: "b" } }),
        suite.loans.query({ where: { member: "m", id: "a" } }),
        suite.loans.query({ where: {} }),
        suite.loans.query({ where: { member: "m" }, limit: 0 }),
        suite.loans.query({ where: { member: "m" }, limit: 1001 }),
        suite.loans.query({ where: { member: "m" }, sort: { near: "a" } as never }),
        suite.profiles.query({ where: { handle: "h" }, sort: { gt: "a" } }),
      ];
      for (const refusal of refused) await expect(refusal).rejects.toBeInstanceOf(InvalidQuery);
    });
  });
}
