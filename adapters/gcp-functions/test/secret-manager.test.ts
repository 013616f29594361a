import { cachedSecrets, SecretUnavailable, type CachedSecrets } from "@skyport/core";
import { OAuth2Client } from "google-auth-library";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { secretManagerSecrets } from "../src/index.js";
import { secretManagerStandIn, type SecretManagerStandIn } from "../src/testing/index.js";

let standIn: SecretManagerStandIn;
beforeAll(async () => {
  standIn = await secretManagerStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.values.clear();
  standIn.throttled.clear();
  standIn.reads.length = 0;
});

/**
 * A token the stand-in accepts, in place of the service account's from the metadata server (the
 * client's own google-auth-library, typed apart from this one).
 */
function standInAuth(): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: "stand-in-token", expiry_date: Date.now() + 3_600_000 });
  return client;
}

/** The function's secrets as its wiring builds them, the client pointed at the stand-in by its endpoint setting; `now` moves the TTL's clock. */
function secrets(now: () => number = Date.now): CachedSecrets {
  const env = { GOOGLE_CLOUD_PROJECT: "shop-test", SKYPORT_SECRET_MANAGER_ENDPOINT: standIn.url, SKYPORT_SECRET_TTL_SECONDS: "60" };
  return cachedSecrets(env, secretManagerSecrets(env, { authClient: standInAuth() as never }), { now });
}

const latest = (name: string) => `projects/shop-test/secrets/${name}/versions/latest`;

describe("Secret Manager as the secret source (a loopback stand-in of its REST API)", () => {
  it("reads the latest version of a secret by its name at the first read, and keeps it: a second read sends nothing", async () => {
    standIn.values.set("payments-api-key", "gsm-value-1");
    const read = secrets();
    expect(standIn.reads).toEqual([]);
    expect(await read.get("payments-api-key")).toBe("gsm-value-1");
    expect(await read.get("payments-api-key")).toBe("gsm-value-1");
    expect(standIn.reads).toEqual([latest("payments-api-key")]);
  });

  it("picks up a rotated value once the TTL has passed", async () => {
    standIn.values.set("payments-api-key", "before-rotation");
    let now = 0;
    const read = secrets(() => now);
    expect(await read.get("payments-api-key")).toBe("before-rotation");
    standIn.values.set("payments-api-key", "after-rotation");
    now = 59_000;
    expect(await read.get("payments-api-key")).toBe("before-rotation");
    now = 60_000;
    expect(await read.get("payments-api-key")).toBe("after-rotation");
    expect(standIn.reads).toHaveLength(2);
  });

  it("makes one call for concurrent first reads", async () => {
    standIn.values.set("payments-api-key", "once");
    const read = secrets();
    await Promise.all(Array.from({ length: 10 }, () => read.get("payments-api-key")));
    expect(standIn.reads).toHaveLength(1);
  });

  it("tries a throttled read three times in all, then fails as a 503", async () => {
    standIn.values.set("payments-api-key", "throttled-value");
    standIn.throttled.add("payments-api-key");
    const failure = await secrets()
      .get("payments-api-key")
      .catch((error: unknown) => error);
    expect(standIn.reads).toEqual([latest("payments-api-key"), latest("payments-api-key"), latest("payments-api-key")]);
    expect(failure).toBeInstanceOf(SecretUnavailable);
    expect((failure as SecretUnavailable).status).toBe(503);
  });

  it("answers a missing secret with one call and a 503 naming the secret", async () => {
    const failure = (await secrets()
      .get("payments-api-key")
      .catch((error: unknown) => error)) as SecretUnavailable;
    expect(standIn.reads).toEqual([latest("payments-api-key")]);
    expect(failure).toBeInstanceOf(SecretUnavailable);
    expect(failure.toResponse().body).toContain("payments-api-key");
    expect(failure.cause).toMatchObject({ reason: "not-found" });
  });
});
