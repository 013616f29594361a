import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTPayload } from "jose";

type KeyObjectOrCryptoKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

/** An OpenID issuer on loopback for identity tests: its address and audience, and tokens it signs. */
export interface TestIssuer {
  /** `http://127.0.0.1:<port>`: SKYPORT_AUTH_ISSUER. */
  issuer: string;
  audience: string;
  /** A token the issuer signed, for these claims (merged over iss, aud, iat, exp in an hour). */
  mint(claims: JWTPayload, options?: { expiresIn?: number; notBefore?: number }): Promise<string>;
  /** Tokens no service may accept, by what is wrong with them. */
  misused(): Promise<Record<string, string>>;
  /** How many times the JWKS was fetched (a rotation refetches it, at most once a minute). */
  jwksFetches(): number;
  /** A new signing key, published in the JWKS under a new kid; the old one stays. */
  rotate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * An OIDC issuer on loopback for tests: discovery document, JWKS (an RSA and an EC key), and a
 * minting function. Tokens of every kind a caller could forge or misuse come from `misused()`.
 */
export async function startTestIssuer(audience = "https://api.skyport.test"): Promise<TestIssuer> {
  const signers: { kid: string; alg: "RS256" | "ES256"; privateKey: KeyObjectOrCryptoKey; publicKey: KeyObjectOrCryptoKey; jwk: JWK }[] = [];
  const addKey = async (alg: "RS256" | "ES256") => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = `${alg.toLowerCase()}-${signers.length + 1}`;
    signers.unshift({ kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } });
  };
  await addKey("ES256");
  await addKey("RS256");
  let fetches = 0;
  const server = createServer((req, res) => {
    const json = (value: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
    if (req.url === "/.well-known/openid-configuration") return json({ issuer, jwks_uri: `${issuer}/jwks` });
    if (req.url === "/jwks") {
      fetches++;
      return json({ keys: signers.map((s) => s.jwk) });
    }
    res.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = (claims: JWTPayload, signer = signers[0]!, options: { expiresIn?: number; notBefore?: number } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ iss: issuer, aud: audience, iat: now, exp: now + (options.expiresIn ?? 3600), ...claims }).setProtectedHeader({
      alg: signer.alg,
      kid: signer.kid,
      typ: "JWT",
    });
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(signer.privateKey);
  };

  return {
    issuer,
    audience,
    mint: (claims, options) => sign(claims, signers[0], options),
    async misused() {
      const subject = { sub: "cus_misused" };
      const stranger = await generateKeyPair("RS256");
      const forged = await new SignJWT({ iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 3600, ...subject })
        .setProtectedHeader({ alg: "RS256", kid: signers[0]!.kid })
        .sign(stranger.privateKey);
      const [header, payload] = (await sign(subject)).split(".");
      const none = `${base64url({ alg: "none", typ: "JWT" })}.${payload}.`;
      // HS256 keyed with the issuer's public key: the classic confusion of a verifier that trusts `alg`.
      const publicPem = new TextEncoder().encode(await exportSPKI(signers[0]!.publicKey));
      const hs256 = await new SignJWT({ iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 3600, ...subject })
        .setProtectedHeader({ alg: "HS256", kid: signers[0]!.kid })
        .sign(publicPem);
      return {
        forged,
        expired: await sign(subject, signers[0], { expiresIn: -120 }),
        "not yet valid": await sign(subject, signers[0], { notBefore: 120 }),
        "wrong audience": await sign({ ...subject, aud: "https://elsewhere.test" }),
        "wrong issuer": await sign({ ...subject, iss: "https://issuer.elsewhere.test" }),
        "alg none": none,
        "HS256 with the public key": hs256,
        "no subject": await sign({ sub: undefined }),
        "tampered payload": [
          header,
          base64url({ ...subject, sub: "cus_someone_else", iss: issuer, aud: audience, exp: 9999999999 }),
          (await sign(subject)).split(".")[2],
        ].join("."),
        "not a JWT": "abc.def",
      };
    },
    jwksFetches: () => fetches,
    async rotate() {
      await addKey("RS256");
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
