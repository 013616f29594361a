import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedSecrets, ConfigError, defineApp, http, json, jsonLogger, secret, type Env, type Secrets } from "@skyport/core";
import { afterAll, describe, expect, it } from "vitest";
import { localSecrets, startLocalApp } from "../src/index.js";

const folder = mkdtempSync(join(tmpdir(), "local-secrets-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const paymentsKey = secret("payments-api-key");
const mailToken = secret("mail-token");
/** GET /secret/{name} answers whether the secret could be read, and its length only: a value is never sent back. */
const api = http(
  (services: { secrets: Secrets }) => [
    { path: "/secret/{name}", methods: { GET: async (_, { name }) => json(200, { length: (await services.secrets.get(name!)).length }) } },
  ],
  { secrets: [paymentsKey] },
);
const app = defineApp({ name: "shop", secrets: { paymentsKey, mailToken }, functions: { api } });

/** The local server on `env`, its wiring building the secrets from the platform's source as every cloud's does; every log line in `lines`. */
async function serve(env: Env, lines: string[]) {
  return startLocalApp(
    app,
    (env, platform) => {
      const secrets = cachedSecrets(env, platform.secrets);
      return { logger: jsonLogger({ level: "info", write: (line) => lines.push(line) }), services: async () => ({ secrets }) };
    },
    { PORT: "0", SKYPORT_QUEUE_PATH: ":memory:", ...env },
  );
}

describe("secrets on this machine", () => {
  it("come from SKYPORT_SECRET_<NAME>, else from the file under SKYPORT_SECRETS_DIR, and never appear in the log", async () => {
    const dir = join(folder, "secrets");
    mkdirSync(dir, { recursive: true });
    const lines: string[] = [];
    const local = await serve({ SKYPORT_SECRET_PAYMENTS_API_KEY: "from-the-setting-7f3a", SKYPORT_SECRETS_DIR: dir }, lines);
    const response = await fetch(`${local.url}/secret/payments-api-key`);
    expect([response.status, await response.json()]).toEqual([200, { length: "from-the-setting-7f3a".length }]);
    await local.close();

    writeFileSync(join(dir, "payments-api-key"), "from-the-file-9c2e\n");
    const fromFile = await serve({ SKYPORT_SECRETS_DIR: dir }, lines);
    expect(await (await fetch(`${fromFile.url}/secret/payments-api-key`)).json()).toEqual({ length: "from-the-file-9c2e".length });
    await fromFile.close();
    expect(lines.join("\n")).not.toMatch(/from-the-(setting|file)/);
  });

  it("answer a missing secret with a 503 naming it, and a secret the function does not list with a 500", async () => {
    const lines: string[] = [];
    const local = await serve({ SKYPORT_SECRETS_DIR: join(folder, "none") }, lines);
    const missing = await fetch(`${local.url}/secret/payments-api-key`);
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as { detail: string }).detail).toContain("payments-api-key");
    const unlisted = await fetch(`${local.url}/secret/mail-token`);
    expect(unlisted.status).toBe(500);
    await local.close();
    expect(lines.some((line) => line.includes("is not one this function lists (payments-api-key)"))).toBe(true);
  });

  it("are refused where a cloud's runtime runs the process", () => {
    expect(() => localSecrets({ AWS_LAMBDA_FUNCTION_NAME: "shop-api" })).toThrow(ConfigError);
    expect(() => localSecrets({ FUNCTIONS_WORKER_RUNTIME: "node" })).toThrow(/refused in a cloud's runtime/);
    expect(() => localSecrets({ K_SERVICE: "api" })).toThrow(/K_SERVICE/);
  });
});
