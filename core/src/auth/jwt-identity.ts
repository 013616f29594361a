import type { JWTVerifyGetKey } from "jose";
import { Problem } from "../http/problem.js";
import { Unauthenticated, type Caller, type IdentityCheck } from "./identity.js";
import type { AuthSettings } from "./settings.js";

/** Asymmetric only: never `none`, never an HMAC (whose secret a public key could pose as). */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
const CLOCK_SKEW_SECONDS = 60;
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
/** A key id the cached set lacks refetches the set, at most this often (a rotated key appears at once). */
const REFETCH_COOLDOWN_MS = 60_000;
const FETCH_TIMEOUT_MS = 5_000;

/**
 * Verifies bearer JWTs against the issuer's keys, found by OIDC discovery
 * (`<issuer>/.well-known/openid-configuration` -> `jwks_uri`) on first use and cached: `iss`
 * exactly the issuer, `aud` containing the audience, `exp`/`nbf` within 60 s of skew.
 */
export function jwtIdentity(settings: Pick<AuthSettings, "issuer" | "audience">, fetchDocument: typeof fetch = fetch): IdentityCheck {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  // jose loads with the first token, not at cold start: the functions that check none never load it.
  const jose = () => import("jose");
  const keySet = () =>
    (keys ??= discover(settings.issuer, fetchDocument).catch((error: unknown) => {
      keys = undefined; // an issuer that was away is asked again by the next request
      throw error;
    }));

  return {
    async authenticate(authorization: string | undefined): Promise<Caller> {
      const token = authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
      if (token === undefined) throw new Unauthenticated(false, "no bearer token");
      const jwks = await keySet();
      const { jwtVerify, errors } = await jose();
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: ALGORITHMS,
          clockTolerance: CLOCK_SKEW_SECONDS,
        });
        if (typeof payload.sub !== "string" || payload.sub === "") throw new Unauthenticated(true, "the token names no subject");
        return { subject: payload.sub, claims: payload };
      } catch (error) {
        if (error instanceof Unauthenticated) throw error;
        if (error instanceof errors.JWKSTimeout)
          throw new Problem("unavailable", "The identity provider's keys cannot be reached; try again shortly.", undefined, { "retry-after": "1" });
        if (error instanceof errors.JOSEError) throw new Unauthenticated(true, error.code);
        throw error;
      }
    },
  };
}

async function discover(issuer: string, fetchDocument: typeof fetch): Promise<JWTVerifyGetKey> {
  const { createRemoteJWKSet } = await import("jose");
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  let document: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetchDocument(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    document = (await response.json()) as typeof document;
  } catch (error) {
    throw new Problem("unavailable", "The identity provider cannot be reached; try again shortly.", undefined, { "retry-after": "1" }, error);
  }
  // OIDC Discovery 1.0, 4.3: the document's issuer is exactly the one asked for.
  if (document.issuer !== issuer || typeof document.jwks_uri !== "string") {
    throw new Problem(
      "internal",
      "The identity provider's discovery document does not match its issuer.",
      undefined,
      {},
      new Error(`${url}: issuer ${String(document.issuer)}`),
    );
  }
  return createRemoteJWKSet(new URL(document.jwks_uri), { cooldownDuration: REFETCH_COOLDOWN_MS, timeoutDuration: FETCH_TIMEOUT_MS });
}
