import { join } from "node:path";
import Database from "better-sqlite3";
import { expectProblemResponse } from "@skyport/core/testing";
import { serviceOver, serviceSend } from "@skyport/core/orders/testing";
import { expect, it } from "vitest";
import { openOrderStores } from "./order-stores.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();

it("answers SQLite's own error for a table that went away with a bare 500 that names nothing", async () => {
  const file = join(dir, "broken.db");
  const stores = await openOrderStores(file);
  const other = new Database(file);
  try {
    other.exec("DROP TABLE documents");
    const response = await serviceSend(serviceOver(stores))({ method: "GET", path: "/orders/ord_00000000000000000000000000" });
    expectProblemResponse(response, 500);
    expect(response.body).not.toMatch(/no such table|orders\.db|broken\.db|SqliteError|SQLITE_/);
  } finally {
    other.close();
    await stores.close();
  }
});
