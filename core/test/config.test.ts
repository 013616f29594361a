import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, readAll, readConfig } from "../src/index.js";

// The kinds an entry carries come from its store loaders; core names no cloud store.
const local = { kinds: ["sqlite", "memory", "dynamodb"], defaultStore: "sqlite" };

describe("readConfig", () => {
  it("reads the defaults", () => {
    expect(readConfig({}, local)).toEqual({ store: "sqlite", retentionDays: 30, cleanupPageSize: 100, logLevel: "info" });
  });

  it("names the variable and the stores the entry carries when SKYPORT_STORE is wrong", () => {
    expect(() => readConfig({ SKYPORT_STORE: "postgres" }, local)).toThrow(new ConfigError("SKYPORT_STORE", "one of sqlite, memory, dynamodb", "postgres"));
    expect(() => readConfig({ SKYPORT_STORE: "cosmos" }, { kinds: ["memory", "dynamodb"], defaultStore: "dynamodb" })).toThrow(
      'SKYPORT_STORE must be one of memory, dynamodb (got "cosmos")',
    );
    expect(readConfig({ SKYPORT_STORE: "dynamodb" }, local).store).toBe("dynamodb");
  });

  it("names the variable and the allowed values when a value is wrong", () => {
    expect(() => readConfig({ SKYPORT_RETENTION_DAYS: "0" }, local)).toThrow(/SKYPORT_RETENTION_DAYS must be an integer from 1/);
    expect(() => readConfig({ SKYPORT_LOG_LEVEL: "loud" }, local)).toThrow(/SKYPORT_LOG_LEVEL must be one of debug, info, warn, error/);
  });

  it("reports every wrong variable at once, in one error", () => {
    const env = { SKYPORT_STORE: "postgres", SKYPORT_RETENTION_DAYS: "soon", SKYPORT_LOG_LEVEL: "loud" };
    let thrown: unknown;
    try {
      readConfig(env, local);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.problems.map((p) => p.variable)).toEqual(["SKYPORT_STORE", "SKYPORT_RETENTION_DAYS", "SKYPORT_LOG_LEVEL"]);
    expect(error.message).toBe(
      [
        "3 settings are wrong:",
        '  SKYPORT_STORE must be one of sqlite, memory, dynamodb (got "postgres")',
        '  SKYPORT_RETENTION_DAYS must be an integer from 1 to 36500 (got "soon")',
        '  SKYPORT_LOG_LEVEL must be one of debug, info, warn, error (got "loud")',
      ].join("\n"),
    );
  });
});

describe("readAll", () => {
  it("returns every value when all reads succeed", () => {
    expect(
      readAll(
        () => 1,
        () => "two",
      ),
    ).toEqual([1, "two"]);
  });

  it("gathers the problems of nested ConfigErrors and lets other errors through", () => {
    const twice = () => {
      throw ConfigError.of([
        { variable: "A", allowed: "set", got: undefined },
        { variable: "B", allowed: "set", got: "" },
      ]);
    };
    const once = () => {
      throw new ConfigError("C", "set", undefined);
    };
    expect(() => readAll(twice, once)).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ variable: "A" }), expect.objectContaining({ variable: "B" }), expect.objectContaining({ variable: "C" })],
      }),
    );
    expect(() =>
      readAll(once, () => {
        throw new TypeError("a bug");
      }),
    ).toThrow(TypeError);
  });
});

describe("store kinds", () => {
  it("are declared by the store packages: core's configuration names no store but its own (memory)", () => {
    const dir = fileURLToPath(new URL("../src/config/", import.meta.url));
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file), "utf8"), file).not.toMatch(/\b(sqlite|dynamodb|firestore|cosmos)\b/i);
    }
  });
});
