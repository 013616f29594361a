import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteDocuments } from "@skyport/sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { measureImportCallsOn } from "../src/import-calls/measure.js";

describe("the import's store calls bench on a SQLite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "skyport-bench-import-calls-test-"));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("counts the hand-written per-order baseline as the API's idempotent create (claim, create, answer) and the import as one create an order", async () => {
    const documents = openSqliteDocuments(join(dir, "orders.db"));
    try {
      const [before, after] = await measureImportCallsOn("SQLite", documents, 200);
      expect(before).toMatchObject({
        path: "per order through POST /orders (before)",
        orders: 198,
        first: { calls: 990, perOrder: 5, byCall: { get: 396, create: 396, put: 198 } },
        again: { calls: 198, perOrder: 1, byCall: { get: 198 } },
      });
      expect(after).toMatchObject({
        path: "the import (after)",
        orders: 198,
        first: { calls: 199, byCall: { get: 1, create: 198 } },
        again: { calls: 199, byCall: { get: 1, create: 198 } },
      });
    } finally {
      await documents.close();
    }
  });
});
