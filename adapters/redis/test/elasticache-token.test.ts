import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ELASTICACHE_TOKEN_SECONDS, elastiCacheIamCredentials, elastiCacheIamToken } from "../src/elasticache-iam.js";

// AWS's documentation example credentials: fixed, so the signature is too.
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session/token=" };
const options = { cacheName: "Orders-Cache", userId: "orders-functions", region: "eu-west-1", serverless: true, credentials: () => credentials };
const signedAt = new Date("2026-01-02T03:04:05Z");

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();
/** RFC 3986 encoding, as SigV4's canonical query string wants it. */
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The signature of a presigned GET, computed here step by step as AWS's Signature Version 4
 * documentation describes it (canonical request, string to sign, derived signing key), not by the signer under test.
 */
function documentedSignature(host: string, query: URLSearchParams): string {
  const params = [...query].filter(([name]) => name !== "X-Amz-Signature").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalQuery = params.map(([name, value]) => `${encode(name)}=${encode(value)}`).join("&");
  const canonicalRequest = ["GET", "/", canonicalQuery, `host:${host}`, "", "host", sha256Hex("")].join("\n");
  const scope = `20260102/eu-west-1/elasticache/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", "20260102T030405Z", scope, sha256Hex(canonicalRequest)].join("\n");
  const key = ["20260102", "eu-west-1", "elasticache", "aws4_request"].reduce<string | Buffer>(
    (k, part) => hmac(k, part),
    `AWS4${credentials.secretAccessKey}`,
  );
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

describe("ElastiCache's IAM authentication token", () => {
  it("is the cache's connect request presigned for 15 minutes: host, query and SigV4 signature as AWS documents them", async () => {
    const token = await elastiCacheIamToken(options, signedAt);
    expect(token.startsWith("orders-cache/?")).toBe(true);
    expect(token).not.toMatch(/^https?:/);
    const query = new URLSearchParams(token.slice("orders-cache/?".length));
    expect(Object.fromEntries(query)).toEqual({
      Action: "connect",
      User: "orders-functions",
      ResourceType: "ServerlessCache",
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": "AKIDEXAMPLE/20260102/eu-west-1/elasticache/aws4_request",
      "X-Amz-Date": "20260102T030405Z",
      "X-Amz-Expires": "900",
      "X-Amz-Security-Token": "session/token=",
      "X-Amz-SignedHeaders": "host",
      "X-Amz-Signature": expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(query.get("X-Amz-Signature")).toBe(documentedSignature("orders-cache", query));
  });

  it("names no resource type for a replication group, and signs that request instead", async () => {
    const token = await elastiCacheIamToken({ ...options, serverless: false }, signedAt);
    const query = new URLSearchParams(token.slice(token.indexOf("?") + 1));
    expect(query.has("ResourceType")).toBe(false);
    expect(query.get("X-Amz-Signature")).toBe(documentedSignature("orders-cache", query));
  });

  it("signs in as the user id, with a token good for 900 seconds from its signing", async () => {
    const before = Date.now();
    const signed = await elastiCacheIamCredentials(options)();
    expect(signed.username).toBe("orders-functions");
    expect(signed.password).toMatch(/^orders-cache\/\?Action=connect&/);
    expect(signed.expiresAt - before).toBeGreaterThanOrEqual(ELASTICACHE_TOKEN_SECONDS * 1000);
    expect(signed.expiresAt - before).toBeLessThan(ELASTICACHE_TOKEN_SECONDS * 1000 + 60_000);
  });
});
