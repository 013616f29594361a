import { expect, it } from "vitest";
import type { CachedSecrets } from "../secrets/cached-secrets.js";
import { SecretUnavailable } from "../secrets/secrets.js";

/** A loopback stand-in of a cloud's secret service, as each adapter's testing entry gives one. */
export interface SecretServiceStandIn {
  /** Each secret's current value, by name: set one to rotate it. */
  values: Map<string, string>;
  /** The secrets whose reads the service answers as throttled. */
  throttled: Set<string>;
  /** Every read the service was sent, in order, as `readOf` names it. */
  reads: string[];
}

/**
 * A cloud's secret source under test: its stand-in, the function's secrets built on it (TTL 60 s,
 * the clock `now`), and how the stand-in records a read of `name`.
 */
export interface SecretSourceUnderTest {
  standIn: SecretServiceStandIn;
  secrets(now?: () => number): CachedSecrets;
  readOf?(name: string): string;
}

/**
 * What every cloud's secret source gives, through `cachedSecrets`, against its service's stand-in:
 * the first read fetches and keeps, a rotation is picked up once the TTL has passed, concurrent
 * first reads make one call, a throttled read is tried three times then fails as a 503, and a
 * missing secret is one call and a 503 naming it. Call it inside a describe; the caller clears the
 * stand-in before each test.
 */
export function secretSourceContract(under: () => SecretSourceUnderTest): void {
  const name = "payments-api-key";
  const read = () => under().readOf?.(name) ?? name;

  it("reads a secret by its name at the first read, and keeps it: a second read sends nothing", async () => {
    const { standIn, secrets } = under();
    standIn.values.set(name, "value-1");
    const secretsOf = secrets();
    expect(standIn.reads).toEqual([]);
    expect(await secretsOf.get(name)).toBe("value-1");
    expect(await secretsOf.get(name)).toBe("value-1");
    expect(standIn.reads).toEqual([read()]);
  });

  it("picks up a rotated value once the TTL has passed", async () => {
    const { standIn, secrets } = under();
    standIn.values.set(name, "before-rotation");
    let now = 0;
    const secretsOf = secrets(() => now);
    expect(await secretsOf.get(name)).toBe("before-rotation");
    standIn.values.set(name, "after-rotation");
    now = 59_000;
    expect(await secretsOf.get(name)).toBe("before-rotation");
    now = 60_000;
    expect(await secretsOf.get(name)).toBe("after-rotation");
    expect(standIn.reads).toHaveLength(2);
  });

  it("makes one call for concurrent first reads", async () => {
    const { standIn, secrets } = under();
    standIn.values.set(name, "once");
    const secretsOf = secrets();
    await Promise.all(Array.from({ length: 10 }, () => secretsOf.get(name)));
    expect(standIn.reads).toHaveLength(1);
  });

  it("tries a throttled read three times in all, then fails as a 503", async () => {
    const { standIn, secrets } = under();
    standIn.values.set(name, "throttled-value");
    standIn.throttled.add(name);
    const failure = await secrets()
      .get(name)
      .catch((error: unknown) => error);
    expect(standIn.reads).toEqual([read(), read(), read()]);
    expect(failure).toBeInstanceOf(SecretUnavailable);
    expect((failure as SecretUnavailable).status).toBe(503);
  });

  it("answers a missing secret with one call and a 503 naming the secret", async () => {
    const { standIn, secrets } = under();
    const failure = (await secrets()
      .get(name)
      .catch((error: unknown) => error)) as SecretUnavailable;
    expect(standIn.reads).toEqual([read()]);
    expect(failure).toBeInstanceOf(SecretUnavailable);
    expect(failure.toResponse().body).toContain(name);
    expect(failure.cause).toMatchObject({ reason: "not-found" });
  });
}
