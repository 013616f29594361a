import { createClient } from "@redis/client";
import type { Cache } from "@skyport/core/cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entraIdCredentials, memorystoreIamCredentials, redisCache } from "../src/index.js";
import { startRedisServer, type RedisServer } from "../src/testing.js";

/** A token's lifetime here (a cloud's is 15 minutes to an hour): it is replaced half-way through. */
const LIFETIME_MS = 1_500;

/** A JWT-shaped token of the kind Microsoft Entra ID issues: its payload names the identity's object id. */
const jwt = (oid: string, serial: number) =>
  `${[{ alg: "none" }, { oid, serial }].map((part) => Buffer.from(JSON.stringify(part)).toString("base64url")).join(".")}.`;

let server: RedisServer;
let admin: ReturnType<typeof createClient>;
const caches: Cache[] = [];
beforeAll(async () => {
  server = await startRedisServer();
  admin = createClient({ url: server.url });
  await admin.connect();
});
afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  admin?.destroy();
  await server?.stop();
});
const cacheWith = (credentials: Parameters<typeof redisCache>[0]["credentials"]) => {
  const cache = redisCache({ url: server.url, timeoutMs: 2_000, credentials });
  caches.push(cache);
  return cache;
};
const authCalls = async () => Number(/cmdstat_auth:calls=(\d+)/.exec(await admin.info("commandstats"))?.[1] ?? 0);

describe("a cloud's token as the password, replaced before it expires (redis-server refusing every token but the newest)", () => {
  const oid = "6f1c2d3e-0000-4000-8000-00000000a11c";
  let minted = 0;
  // The server accepts the newest token only: each new one replaces the user's password (ACL SETUSER resetpass).
  const credential = {
    scopes: [] as string[],
    async getToken(scopes: string | string[]) {
      credential.scopes.push(String(scopes));
      const token = jwt(oid, ++minted);
      await admin.sendCommand(["ACL", "SETUSER", oid, "on", "resetpass", `>${token}`, "~*", "+@all"]);
      return { token, expiresOnTimestamp: Date.now() + LIFETIME_MS };
    },
  };

  it("Entra ID: signs in as the token's oid, again on the live connection before each token expires, and a reconnection with the newest", async () => {
    const cache = cacheWith(entraIdCredentials(credential));
    await cache.set("skyport:entra", "one", { ttlSeconds: 60 });
    expect(await cache.get("skyport:entra")).toBe("one");
    expect(credential.scopes[0]).toBe("https://redis.azure.com/.default");
    expect(String(await admin.sendCommand(["CLIENT", "LIST"]))).toContain(`user=${oid}`);
    // Three tokens later, the connection opened with the first still answers: it signed in with each in turn.
    const calls = await authCalls();
    await expect.poll(() => minted, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(4);
    expect(await authCalls()).toBeGreaterThanOrEqual(calls + 2);
    expect(await cache.get("skyport:entra")).toBe("one");
    // Its connection killed, the client connects again, signing in with the newest token (every older one is refused).
    await admin.sendCommand(["CLIENT", "KILL", "USER", oid]);
    await expect.poll(() => cache.get("skyport:entra"), { timeout: 10_000, interval: 100 }).toBe("one");
  });
});

describe("Memorystore's IAM authentication: the access token as the default user's password", () => {
  it("signs in with AUTH <token>, and again before the token expires, while requirepass accepts the newest token only", async () => {
    let minted = 0;
    const accessToken = async () => {
      const token = `ya29.token-${++minted}`;
      await admin.sendCommand(["ACL", "SETUSER", "default", "on", "resetpass", `>${token}`, "~*", "+@all"]);
      return { token, expiresAt: Date.now() + LIFETIME_MS };
    };
    const cache = cacheWith(memorystoreIamCredentials(accessToken));
    await cache.set("skyport:memorystore", "two", { ttlSeconds: 60 });
    await expect.poll(() => minted, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(3);
    expect(await cache.get("skyport:memorystore")).toBe("two");
    // A client with a token the server no longer accepts is refused: the old token is really expired.
    const stale = createClient({ url: server.url, password: "ya29.token-1", socket: { reconnectStrategy: false } });
    stale.on("error", () => {});
    await expect(stale.connect()).rejects.toThrow(/WRONGPASS|invalid/i);
    await admin.sendCommand(["ACL", "SETUSER", "default", "on", "nopass", "~*", "+@all"]);
  });
});
