import { cachedSecrets, jsonLogger, type SecretUnavailable, type CachedSecrets } from "@skyport/core";
import { secretSourceContract } from "@skyport/core/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { secretsManagerSecrets } from "../src/index.js";
import { secretsManagerStandIn, type SecretsManagerStandIn } from "../src/testing/index.js";

let standIn: SecretsManagerStandIn;
beforeAll(async () => {
  standIn = await secretsManagerStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.values.clear();
  standIn.throttled.clear();
  standIn.reads.length = 0;
});

/** The function's secrets as its wiring builds them, the SDK pointed at the stand-in by its endpoint setting; `now` moves the TTL's clock. */
function secrets(now: () => number = Date.now): CachedSecrets {
  const source = secretsManagerSecrets(
    { AWS_ENDPOINT_URL_SECRETS_MANAGER: standIn.url },
    { region: "us-east-1", credentials: { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in" } },
  );
  return cachedSecrets({ SKYPORT_SECRET_TTL_SECONDS: "60" }, source, { now });
}

describe("Secrets Manager as the secret source (a loopback stand-in of its JSON 1.1 API)", () => {
  secretSourceContract(() => ({ standIn, secrets }));

  it("answers a missing secret with one call and a 503 naming the secret, logged without any value read", async () => {
    standIn.values.set("mail-token", "mt-value-read-before");
    const read = secrets();
    await read.get("mail-token");
    const failure = (await read.get("payments-api-key").catch((error: unknown) => error)) as SecretUnavailable;
    expect(standIn.reads).toEqual(["mail-token", "payments-api-key"]);
    expect(failure.toResponse().body).toContain("payments-api-key");
    expect(failure.cause).toMatchObject({ reason: "not-found", cause: { name: "ResourceNotFoundException" } });
    const lines: string[] = [];
    jsonLogger({ level: "info", write: (line) => lines.push(line) }).warn(`read failed: ${failure.message}`, { token: "mt-value-read-before" });
    expect(lines.join("\n")).not.toContain("mt-value-read-before");
    expect(lines.join("\n")).toContain("payments-api-key");
  });
});
