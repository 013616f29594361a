import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/index.js";

describe("readConfig", () => {
  it("reads the defaults", () => {
    expect(readConfig({}, "sqlite")).toEqual({ store: "sqlite", retentionDays: 30, cleanupPageSize: 100, logLevel: "info" });
  });

  it("names the variable and the allowed values when a value is wrong", () => {
    expect(() => readConfig({ SKYPORT_STORE: "postgres" }, "sqlite")).toThrow(
      new ConfigError("SKYPORT_STORE", "one of sqlite, memory, dynamodb, firestore, cosmos", "postgres"),
    );
    expect(() => readConfig({ SKYPORT_STORE: "postgres" }, "sqlite")).toThrow(
      'SKYPORT_STORE must be one of sqlite, memory, dynamodb, firestore, cosmos (got "postgres")',
    );
    expect(() => readConfig({ SKYPORT_RETENTION_DAYS: "0" }, "sqlite")).toThrow(/SKYPORT_RETENTION_DAYS must be an integer from 1/);
    expect(() => readConfig({ SKYPORT_LOG_LEVEL: "loud" }, "sqlite")).toThrow(/SKYPORT_LOG_LEVEL must be one of debug, info, warn, error/);
  });
});
