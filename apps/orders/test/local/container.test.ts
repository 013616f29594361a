import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, http, memoryDocuments, type Documents } from "@skyport/core";
import { orderRoutes } from "@skyport/core/orders";
import { TOKENS, orderInstance, type EntryOptions } from "../../src/container.js";
import { LOCAL_STORES } from "../../src/local.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
const quiet = { logWrite: () => {} };
const entry = (env: Record<string, string>, stores: EntryOptions["stores"] = { memory: () => memoryDocuments() }): EntryOptions => ({
  cloud: "local",
  env,
  served: ["api", "confirm", "cleanup", "ship", "outbox", "import"],
  defaultStore: "memory",
  stores,
  events: () => ({ publish: async () => {} }),
  ...quiet,
});

describe("the composition root", () => {
  it("fails at start, naming the variable, for a store the entry does not carry", () => {
    expect(() => orderInstance(entry({ SKYPORT_STORE: "dynamodb" }))).toThrow(ConfigError);
    expect(() => orderInstance(entry({ SKYPORT_STORE: "dynamodb" }))).toThrow(/SKYPORT_STORE/);
  });

  it("loads the store on the first invocation only, and builds the services once", async () => {
    const loaded: Documents[] = [];
    const instance = orderInstance(entry({ SKYPORT_STORE: "memory" }, { memory: () => loaded[loaded.push(memoryDocuments()) - 1]! }));
    expect(loaded).toHaveLength(0);
    const [first, second] = await Promise.all([instance.services(), instance.services()]);
    expect(first).toBe(second);
    expect(await instance.services()).toBe(first);
    expect(loaded).toHaveLength(1);
    expect((await instance.container.getAsync(TOKENS.stores)).documents).toBe(loaded[0]);
    expect(instance.container.get(TOKENS.config).store).toBe("memory");
  });

  it("reads and builds the identity check and the CORS policy only where the HTTP function is served", async () => {
    const http = { SKYPORT_AUTH_ISSUER: "https://issuer.example.com/", SKYPORT_AUTH_AUDIENCE: "orders", SKYPORT_CORS_ORIGINS: "https://shop.example.com" };
    const served = (names: string[], env: Record<string, string>, lines: string[] = []) =>
      orderInstance({ ...entry({ SKYPORT_STORE: "memory", ...env }), served: names, logWrite: (line) => void lines.push(line) });

    const api = await served(["api"], http).services();
    expect(api.identity).toBeDefined();
    expect(api.cors?.origins.has("https://shop.example.com")).toBe(true);
    const confirm = await served(["confirm"], http).services();
    expect(confirm.identity).toBeUndefined();
    expect(confirm.cors).toBeUndefined();

    // Their settings are the HTTP function's: a wrong one fails its start, and a consumer's start does not read it.
    expect(() => served(["api"], { SKYPORT_CORS_ORIGINS: "shop" })).toThrow(/SKYPORT_CORS_ORIGINS/);
    expect(() => served(["outbox", "cleanup"], { SKYPORT_CORS_ORIGINS: "shop", SKYPORT_AUTH_ISSUER: "https://issuer.example.com/" })).not.toThrow();
    // Nor does a consumer warn that authentication is off: it takes no requests.
    const apiLines: string[] = [];
    const consumerLines: string[] = [];
    served(["api"], {}, apiLines);
    served(["ship"], {}, consumerLines);
    expect(apiLines.filter((line) => line.includes("authentication off"))).toHaveLength(1);
    expect(consumerLines).toEqual([]);
  });

  it("builds the services again on the next invocation when the store could not be opened at start", async () => {
    const blocker = join(dir, "not-a-directory");
    writeFileSync(blocker, "a file where the database's directory should be");
    const instance = orderInstance(entry({ SKYPORT_STORE: "sqlite", SKYPORT_SQLITE_PATH: join(blocker, "orders.db") }, { sqlite: LOCAL_STORES.sqlite! }));

    await expect(instance.services()).rejects.toThrow();
    rmSync(blocker);
    const health = await http(orderRoutes).bind(await instance.services())(
      { method: "GET", path: "/health", query: new URLSearchParams(), headers: {} },
      { requestId: "r1", cloud: "local", logger: instance.logger },
    );
    expect(health.status).toBe(200);
    await (await instance.container.getAsync(TOKENS.stores)).close();
  });
});
