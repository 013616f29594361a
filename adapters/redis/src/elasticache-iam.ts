import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import type { CredentialsSource } from "./refreshing-credentials.js";

/** The AWS credentials a token is signed with: the function's role's (Lambda sets them in its environment). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The ElastiCache cache and user an IAM authentication token is made for. */
export interface ElastiCacheIamOptions {
  /** The cache's name (not its endpoint): the token's host. */
  cacheName: string;
  /** The ElastiCache user (IAM authentication mode), whose user id is also its user name. */
  userId: string;
  region: string;
  /** A serverless cache (ResourceType=ServerlessCache), else a replication group. */
  serverless: boolean;
  credentials: () => Promise<AwsCredentials> | AwsCredentials;
}

/** How long ElastiCache accepts a token for a new connection (its documented maximum). */
export const ELASTICACHE_TOKEN_SECONDS = 900;

type Bytes = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Bytes) =>
  typeof data === "string" ? Buffer.from(data) : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** SHA-256, and HMAC-SHA256 with a secret, on node:crypto: the hash @smithy/signature-v4 signs with. */
class NodeSha256 {
  #hash: Hash | Hmac;
  constructor(private readonly secret?: Bytes) {
    this.#hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(this.secret));
  }
  update(data: Bytes) {
    this.#hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.#hash.digest());
  }
  reset() {
    this.#hash = this.fresh();
  }
}

/**
 * ElastiCache's IAM authentication token for `userId` on `cacheName`, as AWS documents it: the
 * request `GET http://<cache name>/?Action=connect&User=<user id>[&ResourceType=ServerlessCache]`
 * presigned with Signature Version 4 (service elasticache, 900 seconds), without its scheme.
 */
export async function elastiCacheIamToken(options: ElastiCacheIamOptions, signingDate = new Date()): Promise<string> {
  const { SignatureV4 } = await import("@smithy/signature-v4");
  const signer = new SignatureV4({ service: "elasticache", region: options.region, credentials: await options.credentials(), sha256: NodeSha256 });
  const host = options.cacheName.toLowerCase();
  const presigned = await signer.presign(
    {
      method: "GET",
      protocol: "http:",
      hostname: host,
      path: "/",
      query: { Action: "connect", User: options.userId, ...(options.serverless && { ResourceType: "ServerlessCache" }) },
      headers: { host },
    },
    { expiresIn: ELASTICACHE_TOKEN_SECONDS, signingDate },
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(presigned.query ?? {})) query.append(name, String(value));
  return `${host}/?${query.toString()}`;
}

/** The user id and a new token, good for 15 minutes: `refreshingCredentials` replaces it before then. */
export function elastiCacheIamCredentials(options: ElastiCacheIamOptions): CredentialsSource {
  return async () => {
    const signedAt = new Date();
    const password = await elastiCacheIamToken(options, signedAt);
    return { username: options.userId, password, expiresAt: signedAt.getTime() + ELASTICACHE_TOKEN_SECONDS * 1000 };
  };
}

/**
 * The token's parts on Lambda: the user id from SKYPORT_REDIS_URL's user, the cache's name from
 * SKYPORT_REDIS_CACHE_NAME, the region and the role's credentials from what Lambda sets (AWS_REGION, AWS_ACCESS_KEY_ID...).
 */
export function elastiCacheIamFromEnv(url: string, env: Readonly<Record<string, string | undefined>>): ElastiCacheIamOptions {
  const parsed = new URL(url);
  const needed = (name: string, value: string | undefined) => {
    if (!value) throw new Error(`SKYPORT_REDIS_AUTH=elasticache-iam needs ${name}`);
    return value;
  };
  const userId = needed("SKYPORT_REDIS_URL's user (the ElastiCache user id)", decodeURIComponent(parsed.username));
  return {
    cacheName: needed("SKYPORT_REDIS_CACHE_NAME", env.SKYPORT_REDIS_CACHE_NAME),
    userId,
    region: needed("AWS_REGION", env.AWS_REGION),
    serverless: parsed.hostname.includes(".serverless."),
    credentials: () => ({
      accessKeyId: needed("AWS_ACCESS_KEY_ID", env.AWS_ACCESS_KEY_ID),
      secretAccessKey: needed("AWS_SECRET_ACCESS_KEY", env.AWS_SECRET_ACCESS_KEY),
      sessionToken: env.AWS_SESSION_TOKEN,
    }),
  };
}
