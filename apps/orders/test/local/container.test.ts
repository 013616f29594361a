import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, memoryStores, type Stores } from "@skyport/core";
import { sqliteStores } from "@skyport/sqlite";
import { TOKENS, lazyOrderService, type EntryOptions } from "../../src/container.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
const quiet = { logWrite: () => {} };
const entry = (env: Record<string, string>, stores: EntryOptions["stores"] = { memory: memoryStores }): EntryOptions => ({
  cloud: "local",
  env,
  defaultStore: "memory",
  stores,
  events: () => ({ publish: async () => {} }),
  ...quiet,
});

describe("the composition root", () => {
  it("fails at start, naming the variable, for a store the entry does not carry", () => {
    expect(() => lazyOrderService(entry({ SKYPORT_STORE: "dynamodb" }))).toThrow(ConfigError);
    expect(() => lazyOrderService(entry({ SKYPORT_STORE: "dynamodb" }))).toThrow(/SKYPORT_STORE/);
  });

  it("loads the store on the first invocation only, and builds the service once", async () => {
    const loaded: Stores[] = [];
    const instance = lazyOrderService(entry({ SKYPORT_STORE: "memory" }, { memory: () => (loaded.push(memoryStores()), loaded.at(-1)!) }));
    expect(loaded).toHaveLength(0);
    const [first, second] = await Promise.all([instance.service(), instance.service()]);
    expect(first).toBe(second);
    expect(await instance.service()).toBe(first);
    expect(loaded).toHaveLength(1);
    expect(await instance.container.getAsync(TOKENS.stores)).toBe(loaded[0]);
    expect(instance.container.get(TOKENS.config).store).toBe("memory");
  });

  it("builds the service again on the next invocation when the store could not be opened at start", async () => {
    const blocker = join(dir, "not-a-directory");
    writeFileSync(blocker, "a file where the database's directory should be");
    const instance = lazyOrderService(entry({ SKYPORT_STORE: "sqlite", SKYPORT_SQLITE_PATH: join(blocker, "orders.db") }, { sqlite: sqliteStores }));

    await expect(instance.service()).rejects.toThrow();
    rmSync(blocker);
    const service = await instance.service();
    const health = await service.http(
      { method: "GET", path: "/health", query: new URLSearchParams(), headers: {} },
      { requestId: "r1", cloud: "local", logger: instance.logger },
    );
    expect(health.status).toBe(200);
    await (await instance.container.getAsync(TOKENS.stores)).close();
  });
});
