import { describe, expect, it } from "vitest";
import { appSettings, loadAzureEntry } from "./app-settings.js";

describe("the Azure entry's settings", () => {
  it("are checked as the worker loads the app, naming the variable, the store's own included", async () => {
    await expect(loadAzureEntry(await appSettings({ SKYPORT_COSMOS_ENDPOINT: "http://cosmos.example" }))).rejects.toThrow(
      /SKYPORT_COSMOS_ENDPOINT must be the https:\/\/ endpoint of the Cosmos DB account/,
    );
    await expect(loadAzureEntry(await appSettings({ SKYPORT_COLLECTION_IDEMPOTENCY_KEYS: "idempotency keys" }))).rejects.toThrow(
      /SKYPORT_COLLECTION_IDEMPOTENCY_KEYS must be a table, collection or container name/,
    );
    await expect(loadAzureEntry(await appSettings({ SKYPORT_STORE: "dynamodb" }))).rejects.toThrow(/SKYPORT_STORE must be one of memory, cosmos/);
  });

  it("need no queue on the memory store", async () => {
    const { http } = await loadAzureEntry({ SKYPORT_STORE: "memory", SKYPORT_LOG_LEVEL: "error" });
    expect(http).toBeTypeOf("function");
  });
});
