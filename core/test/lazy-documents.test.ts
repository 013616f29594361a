import { describe, expect, it } from "vitest";
import { collection, ConfigError, lazyDocuments, memoryDocuments, type Documents, type Env } from "../src/index.js";

const notes = collection<{ id: string; text: string }>("notes", { key: ["id"] });

describe("lazyDocuments: the configured store's documents, loaded on first use", () => {
  it("loads only the store SKYPORT_STORE names, and only at the first call", async () => {
    const loaded: string[] = [];
    const loader = (kind: string) => () => {
      loaded.push(kind);
      return memoryDocuments();
    };
    const documents = lazyDocuments({ SKYPORT_STORE: "second" }, { first: loader("first"), second: loader("second") }, "first");
    const col = documents.collection(notes);
    expect(loaded).toEqual([]);
    await col.put({ id: "a", text: "hello" });
    expect((await col.get({ id: "a" }))?.value).toEqual({ id: "a", text: "hello" });
    expect(loaded).toEqual(["second"]);
  });

  it("refuses a store the entry does not carry, and the chosen store's own wrong settings, at once", () => {
    expect(() => lazyDocuments({ SKYPORT_STORE: "nosuch" }, { memory: () => memoryDocuments() }, "memory")).toThrow(ConfigError);
    const checked = Object.assign(() => memoryDocuments(), {
      check: (env: Env) => {
        if (!env.TABLE) throw new ConfigError("TABLE", "a table name", undefined);
      },
    });
    expect(() => lazyDocuments({}, { table: checked }, "table")).toThrow(/TABLE/);
  });

  it("tries a load that failed again at the next call", async () => {
    let tries = 0;
    const flaky = (): Documents => {
      tries += 1;
      if (tries === 1) throw new Error("store unreachable at start");
      return memoryDocuments();
    };
    const col = lazyDocuments({}, { memory: flaky }, "memory").collection(notes);
    await expect(col.get({ id: "a" })).rejects.toThrow("store unreachable at start");
    expect(await col.get({ id: "a" })).toBeUndefined();
    expect(tries).toBe(2);
  });
});
