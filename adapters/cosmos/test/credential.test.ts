import type { TokenCredential } from "@azure/core-auth";
import { orderStoresOn } from "@skyport/core/orders";
import { orderAt } from "@skyport/core/orders/testing";
import { describe, expect, inject, it } from "vitest";
import { cosmosDocuments } from "../src/index.js";
import { emulatorAgent } from "../src/testing/index.js";

const server = inject("cosmos");
const keyless = { SKYPORT_COSMOS_ENDPOINT: server.endpoint, SKYPORT_COSMOS_DATABASE: "credential" };

describe("cosmos sign-in without a key", () => {
  it("asks the credential it is given (the app's one managed identity) for its tokens", async () => {
    const scopes: string[] = [];
    const credential: TokenCredential = {
      async getToken(asked) {
        scopes.push(...[asked].flat());
        throw new Error("no identity here");
      },
    };
    const stores = orderStoresOn(cosmosDocuments(keyless, { agent: emulatorAgent(), credential }));
    try {
      await expect(stores.orders.create(orderAt(new Date()))).rejects.toThrow();
      expect(scopes.length).toBeGreaterThan(0);
      expect(scopes.every((scope) => scope.endsWith("/.default"))).toBe(true);
    } finally {
      await stores.close();
    }
  });

  it("refuses to build without one, naming the key and the credential", () => {
    expect(() => orderStoresOn(cosmosDocuments(keyless))).toThrow(/SKYPORT_COSMOS_KEY is unset and no credential was given/);
  });
});
