import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError, jwtIdentity, readAuthSettings, Unauthenticated } from "../src/index.js";
import { createOrderService } from "../src/orders/index.js";
import { startTestIssuer, type TestIssuer } from "../src/testing/index.js";
import { authContract, memoryOrderDeps, serviceSend } from "../src/orders/testing/index.js";

const identityService = (issuer: Pick<TestIssuer, "issuer" | "audience">) => {
  const deps = memoryOrderDeps({ identity: jwtIdentity(issuer), customerClaim: "sub" });
  return { deps, service: createOrderService(deps) };
};

authContract("core, called directly", (issuer) => {
  const { deps, service } = identityService(issuer);
  return { send: serviceSend(service), idempotency: deps.idempotency, orders: deps.orders };
});

describe("jwtIdentity", () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it("finds the keys by OIDC discovery once, and refetches the set for an unknown key id at most once a minute", async () => {
    const identity = jwtIdentity(issuer);
    await identity.authenticate(`Bearer ${await issuer.mint({ sub: "cus_1" })}`);
    await identity.authenticate(`Bearer ${await issuer.mint({ sub: "cus_1" })}`);
    expect(issuer.jwksFetches()).toBe(1);
    await issuer.rotate();
    const rotated = await issuer.mint({ sub: "cus_2" });
    // Within the minute, an unknown kid is refused without asking the issuer again...
    await expect(identity.authenticate(`Bearer ${rotated}`)).rejects.toBeInstanceOf(Unauthenticated);
    expect(issuer.jwksFetches()).toBe(1);
    // ...and once the minute is over, the set is fetched again and the rotated key verifies.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      await expect(identity.authenticate(`Bearer ${rotated}`)).resolves.toMatchObject({ subject: "cus_2" });
      expect(issuer.jwksFetches()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("tells a missing token from a refused one", async () => {
    const identity = jwtIdentity(issuer);
    await expect(identity.authenticate(undefined)).rejects.toMatchObject({ tokenSent: false });
    await expect(identity.authenticate("Basic dXNlcjpwYXNz")).rejects.toMatchObject({ tokenSent: false });
    await expect(identity.authenticate("Bearer not.a.jwt")).rejects.toMatchObject({ tokenSent: true });
  });

  it("answers 503 when the issuer cannot be reached, and asks again next time", async () => {
    const identity = jwtIdentity({ issuer: "http://127.0.0.1:9", audience: "x" });
    await expect(identity.authenticate("Bearer a.b.c")).rejects.toMatchObject({ kind: "unavailable" });
  });
});

describe("SKYPORT_AUTH_*", () => {
  it("are both set or both unset, the issuer https:// except on loopback", () => {
    expect(readAuthSettings({})).toBeUndefined();
    expect(readAuthSettings({ SKYPORT_AUTH_ISSUER: "https://id.example.com/", SKYPORT_AUTH_AUDIENCE: "orders" })).toEqual({
      issuer: "https://id.example.com/",
      audience: "orders",
      customerClaim: "sub",
    });
    expect(
      readAuthSettings({ SKYPORT_AUTH_ISSUER: "http://127.0.0.1:8080", SKYPORT_AUTH_AUDIENCE: "a", SKYPORT_AUTH_CUSTOMER_CLAIM: "customer_id" })?.customerClaim,
    ).toBe("customer_id");
    expect(() => readAuthSettings({ SKYPORT_AUTH_ISSUER: "https://id.example.com" })).toThrow(/SKYPORT_AUTH_AUDIENCE/);
    expect(() => readAuthSettings({ SKYPORT_AUTH_AUDIENCE: "orders" })).toThrow(/SKYPORT_AUTH_ISSUER/);
    expect(() => readAuthSettings({ SKYPORT_AUTH_ISSUER: "http://id.example.com", SKYPORT_AUTH_AUDIENCE: "orders" })).toThrow(ConfigError);
  });
});
