import { cachedSecrets, type CachedSecrets } from "@skyport/core";
import { OAuth2Client } from "google-auth-library";
import { secretSourceContract } from "@skyport/core/testing";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
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
  // Each read is of the secret's latest version, by its resource name.
  secretSourceContract(() => ({ standIn, secrets, readOf: latest }));
});
