import type { TokenCredential } from "@azure/core-auth";
import { describe, expect, it } from "vitest";
import { azureCredential, lazyCredential } from "../src/credential.js";

describe("the app's one Azure credential", () => {
  it("is the same for every client of the instance (publisher, blob store, Cosmos DB store)", () => {
    expect(azureCredential()).toBe(azureCredential());
  });

  it("is built on its first token request, once however many ask at once, and again after a build that failed", async () => {
    let builds = 0;
    const token = { token: "t", expiresOnTimestamp: Date.now() + 60_000 };
    const credential = lazyCredential(async (): Promise<TokenCredential> => {
      builds += 1;
      if (builds === 1) throw new Error("identity endpoint unreachable");
      return { getToken: async () => token };
    });
    expect(builds).toBe(0);
    await expect(credential.getToken("https://x/.default")).rejects.toThrow("unreachable");
    const answers = await Promise.all([1, 2, 3].map(() => credential.getToken("https://x/.default")));
    expect(answers).toEqual([token, token, token]);
    expect(builds).toBe(2);
  });
});
