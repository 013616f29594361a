import { describe, expect, it } from "vitest";
import {
  AppDeclarationError,
  cachedSecrets,
  ConfigError,
  defineApp,
  http,
  jsonLogger,
  lazyHandler,
  secret,
  SecretNotListed,
  SecretReadFailed,
  SecretUnavailable,
  type CachedSecrets,
  type Context,
  type HttpHandler,
  type HttpRequest,
  type HttpResponse,
  type SecretFailure,
  type SecretSource,
  type Secrets,
} from "../src/index.js";

/** A source that serves `values` (changed by the test to rotate one) and counts its reads; `failing` makes every read fail so. */
function countedSource(values: Record<string, string>) {
  const source = {
    reads: 0,
    failing: undefined as SecretFailure | undefined,
    async read(name: string): Promise<string> {
      source.reads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (source.failing) throw new SecretReadFailed(name, source.failing);
      const value = values[name];
      if (value === undefined) throw new SecretReadFailed(name, "not-found");
      return value;
    },
  } satisfies SecretSource & Record<string, unknown>;
  return source;
}

const paymentsKey = secret("payments-api-key");
const mailToken = secret("mail-token");

describe("secrets, read through the services", () => {
  it("are fetched at the first read, not when the instance is built, then kept: a second read makes no call", async () => {
    const source = countedSource({ "payments-api-key": "pk-live-1" });
    const secrets = cachedSecrets({}, source);
    expect(source.reads).toBe(0);
    expect(await secrets.get("payments-api-key")).toBe("pk-live-1");
    expect(await secrets.get("payments-api-key")).toBe("pk-live-1");
    expect(source.reads).toBe(1);
  });

  it("are fetched again once SKYPORT_SECRET_TTL_SECONDS has passed, so a rotated value is picked up", async () => {
    const values = { "payments-api-key": "before-rotation" };
    const source = countedSource(values);
    let now = 1_000_000;
    const secrets = cachedSecrets({ SKYPORT_SECRET_TTL_SECONDS: "60" }, source, { now: () => now });
    expect(await secrets.get("payments-api-key")).toBe("before-rotation");
    values["payments-api-key"] = "after-rotation";
    now += 59_999;
    expect(await secrets.get("payments-api-key")).toBe("before-rotation");
    now += 1;
    expect(await secrets.get("payments-api-key")).toBe("after-rotation");
    expect(source.reads).toBe(2);
  });

  it("keep a value 300 seconds unless told otherwise, and refuse a TTL that is not 0 to 86400 seconds at start", async () => {
    const source = countedSource({ "payments-api-key": "v" });
    let now = 0;
    const secrets = cachedSecrets({}, source, { now: () => now });
    await secrets.get("payments-api-key");
    now = 299_999;
    await secrets.get("payments-api-key");
    expect(source.reads).toBe(1);
    now = 300_000;
    await secrets.get("payments-api-key");
    expect(source.reads).toBe(2);
    expect(() => cachedSecrets({ SKYPORT_SECRET_TTL_SECONDS: "5m" }, source)).toThrow(ConfigError);
    expect(() => cachedSecrets({ SKYPORT_SECRET_TTL_SECONDS: "86401" }, source)).toThrow(/SKYPORT_SECRET_TTL_SECONDS/);
  });

  it("make one call for concurrent first reads", async () => {
    const source = countedSource({ "payments-api-key": "pk" });
    const secrets = cachedSecrets({}, source);
    const values = await Promise.all(Array.from({ length: 20 }, () => secrets.get("payments-api-key")));
    expect(new Set(values)).toEqual(new Set(["pk"]));
    expect(source.reads).toBe(1);
  });

  it("try a throttled read three times in all, then fail as a 503 that names the secret and no value", async () => {
    const source = countedSource({ "payments-api-key": "pk-never-shown" });
    source.failing = "throttled";
    const secrets = cachedSecrets({}, source);
    const failure = await secrets.get("payments-api-key").catch((error: unknown) => error);
    expect(source.reads).toBe(3);
    expect(failure).toBeInstanceOf(SecretUnavailable);
    const response = (failure as SecretUnavailable).toResponse();
    expect(response.status).toBe(503);
    expect(response.body).toContain("payments-api-key");
    // The failure is kept by nothing: the next read tries again.
    source.failing = undefined;
    expect(await secrets.get("payments-api-key")).toBe("pk-never-shown");
  });

  it("do not retry a secret that is not there: one call, then a 503 naming it", async () => {
    const source = countedSource({});
    const failure = await cachedSecrets({}, source)
      .get("mail-token")
      .catch((error: unknown) => error);
    expect(source.reads).toBe(1);
    expect(failure).toBeInstanceOf(SecretUnavailable);
    expect((failure as SecretUnavailable).detail).toBe("The secret mail-token cannot be read now; try again shortly.");
  });
});

describe("secrets a function lists", () => {
  it("must be declared by the app", () => {
    const api = http(() => [], { secrets: [paymentsKey] });
    expect(() => defineApp({ name: "shop", functions: { api } })).toThrow(AppDeclarationError);
    expect(() => defineApp({ name: "shop", secrets: { paymentsKey }, functions: { api } })).not.toThrow();
    expect(() => secret("Payments_Key")).toThrow(/3-64 characters/);
    expect(() => defineApp({ name: "shop", secrets: { a: paymentsKey, b: secret("payments-api-key") }, functions: { api } })).toThrow(/twice/);
  });

  it("are the only ones its handlers can read: another is a clear error, and nothing is fetched for it", async () => {
    const source = countedSource({ "payments-api-key": "pk", "mail-token": "mt" });
    const secrets = cachedSecrets({}, source);
    let seen: Secrets | undefined;
    const api = http(
      (services: { secrets: Secrets }) => {
        seen = services.secrets;
        return [];
      },
      { secrets: [paymentsKey] },
    );
    const app = defineApp({ name: "shop", secrets: { paymentsKey, mailToken }, functions: { api } });
    await lazyHandler(app.functions.api, { logger: jsonLogger({ level: "error", write: () => {} }), services: async () => ({ secrets }) })();
    expect(await seen!.get("payments-api-key")).toBe("pk");
    await expect(seen!.get("mail-token")).rejects.toThrow(SecretNotListed);
    await expect(seen!.get("mail-token")).rejects.toThrow(/not one this function lists \(payments-api-key\)/);
    expect(source.reads).toBe(1);
    // The instance's secrets are shared: the function's view kept the value for the whole instance.
    expect(await (secrets as CachedSecrets).get("payments-api-key")).toBe("pk");
    expect(source.reads).toBe(1);
  });
});

describe("a secret's value", () => {
  /** The api function of an app whose GET /pay reads the payments key and then does `then` with it, run with a logger writing to `lines`. */
  async function pay(source: SecretSource, then: (value: string, context: Context) => Promise<HttpResponse>, lines: string[]) {
    const secrets = cachedSecrets({}, source);
    const api = http(
      (services: { secrets: Secrets }) => [
        {
          path: "/pay",
          methods: {
            GET: async (_: HttpRequest, _params: Record<string, string>, context: Context) => then(await services.secrets.get("payments-api-key"), context),
          },
        },
      ],
      { secrets: [paymentsKey] },
    );
    const app = defineApp({ name: "shop", secrets: { paymentsKey }, functions: { api } });
    const logger = jsonLogger({ level: "debug", write: (line) => lines.push(line) });
    const handler = (await lazyHandler(app.functions.api, { logger, services: async () => ({ secrets }) })()) as HttpHandler;
    return handler({ method: "GET", path: "/pay", query: new URLSearchParams(), headers: {} }, { requestId: "r1", cloud: "local", logger });
  }

  it("appears in no log line, whether logged as a field, in a message or in a thrown error's message and stack", async () => {
    const value = 'sk_live_"quoted"\\and\nnewline-51Hx';
    const lines: string[] = [];
    const response = await pay(
      countedSource({ "payments-api-key": value }),
      async (key, context) => {
        context.logger.info(`calling the provider with ${key}`, { key, nested: { header: `Bearer ${key}` } });
        throw new Error(`provider refused key ${key}`);
      },
      lines,
    );
    expect(response.status).toBe(500);
    const output = lines.join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(output).toContain("[redacted]");
    expect(output).not.toContain(JSON.stringify(value).slice(1, -1));
    expect(output).not.toContain("sk_live_");
    expect(String(response.body)).not.toContain("sk_live_");
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("is not in the 503 of a secret that cannot be read, which is logged with the secret's name", async () => {
    const lines: string[] = [];
    const source = countedSource({});
    const response = await pay(source, async () => ({ status: 200, headers: {}, body: "paid" }), lines);
    expect(response.status).toBe(503);
    expect(response.headers["retry-after"]).toBe("1");
    expect(JSON.parse(String(response.body))).toMatchObject({ status: 503, detail: expect.stringContaining("payments-api-key") });
    const failed = lines.map((line) => JSON.parse(line)).find((line) => line.message === "request failed");
    expect(JSON.stringify(failed)).toContain("payments-api-key");
  });

  it("is hidden inside strings only, so a line stays JSON however short the value (the last test here: every value read stays hidden)", async () => {
    const lines: string[] = [];
    await pay(
      countedSource({ "payments-api-key": "20" }),
      async (key, context) => {
        context.logger.info(`key ${key} used`, { attempts: 20, note: `prefix-${key}` });
        return { status: 201, headers: {}, body: "" };
      },
      lines,
    );
    const [used, request] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(used).toMatchObject({ message: "key [redacted] used", attempts: 20, note: "prefix-[redacted]" });
    expect(request).toMatchObject({ message: "request", status: 201 });
  });
});
