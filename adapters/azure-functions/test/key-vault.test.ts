import type { TokenCredential } from "@azure/core-auth";
import { cachedSecrets, ConfigError, defineApp, http, secret, silentLogger, type CachedSecrets, type Platform } from "@skyport/core";
import { secretSourceContract } from "@skyport/core/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { keyVaultSecrets, registerAzureApp } from "../src/index.js";
import { keyVaultStandIn, type KeyVaultStandIn } from "../src/testing/index.js";

let standIn: KeyVaultStandIn;
beforeAll(async () => {
  standIn = await keyVaultStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.values.clear();
  standIn.throttled.clear();
  standIn.reads.length = 0;
  standIn.tokens.length = 0;
});

/** The token the function's identity would get for Key Vault's scope, counted. */
const scopes: string[] = [];
const identity: TokenCredential = {
  async getToken(scope) {
    scopes.push(...[scope].flat());
    return { token: "managed-identity-token", expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

/** The app's secrets as its wiring builds them, the client pointed at the stand-in by the vault URL setting; `now` moves the TTL's clock. */
function secrets(now: () => number = Date.now): CachedSecrets {
  const env = { SKYPORT_KEY_VAULT_URL: standIn.url, SKYPORT_SECRET_TTL_SECONDS: "60" };
  // The stand-in is plain HTTP on loopback, and not under vault.azure.net: a real vault is neither.
  const source = keyVaultSecrets(env, { credential: identity, client: { allowInsecureConnection: true, disableChallengeResourceVerification: true } });
  return cachedSecrets(env, source, { now });
}

describe("Key Vault as the secret source (a loopback stand-in of its REST API)", () => {
  it("reads a secret by its name at the first read, with the identity's token for Key Vault, and keeps it", async () => {
    standIn.values.set("payments-api-key", "kv-value-1");
    const read = secrets();
    expect(standIn.reads).toEqual([]);
    expect(await read.get("payments-api-key")).toBe("kv-value-1");
    expect(await read.get("payments-api-key")).toBe("kv-value-1");
    expect(standIn.reads).toEqual(["payments-api-key"]);
    expect(standIn.tokens).toEqual(["managed-identity-token"]);
    expect(scopes).toContain("https://vault.azure.net/.default");
  });

  secretSourceContract(() => ({ standIn, secrets }));

  it("refuses to start without a vault URL, naming the setting", () => {
    expect(() => keyVaultSecrets({})).toThrow(ConfigError);
    expect(() => keyVaultSecrets({ SKYPORT_KEY_VAULT_URL: "https://evil.example.com/" })).toThrow(/SKYPORT_KEY_VAULT_URL/);
  });
});

describe("an Azure app whose functions read secrets", () => {
  const paymentsKey = secret("payments-api-key");
  const reading = defineApp({ name: "shop", secrets: { paymentsKey }, functions: { api: http(() => [], { secrets: [paymentsKey] }) } });
  const notReading = defineApp({ name: "shop", functions: { api: http(() => []) } });
  /** The platform the app's wiring is given when the worker loads it with `env`. */
  const platformFor = (app: typeof reading, env: Record<string, string>) => {
    let given: Platform | undefined;
    registerAzureApp(
      app,
      (_, platform) => {
        given = platform;
        return { logger: silentLogger, services: async () => ({}) };
      },
      {},
      env,
    );
    return given!;
  };

  it("is given Key Vault as its secret source, SKYPORT_KEY_VAULT_URL read as it loads; an app that reads none needs no vault", () => {
    expect(() => platformFor(reading, {})).toThrow(/SKYPORT_KEY_VAULT_URL/);
    expect(platformFor(reading, { SKYPORT_KEY_VAULT_URL: standIn.url }).secrets).toBeDefined();
    expect(platformFor(notReading, {}).secrets).toBeUndefined();
  });
});
