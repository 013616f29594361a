import type { CredentialsSource } from "./refreshing-credentials.js";

/** The scope of Azure Managed Redis (and Azure Cache for Redis) data access tokens. */
export const AZURE_REDIS_SCOPE = "https://redis.azure.com/.default";

/** What @azure/identity's credentials (the app's managed identity) offer: a token for a scope. */
export interface TokenCredentialLike {
  getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/**
 * Microsoft Entra ID sign-in to Azure Managed Redis, as Azure documents it: the identity's token
 * for the Redis scope as the password, and its object id (the token's `oid` claim) as the user name.
 */
export function entraIdCredentials(credential: TokenCredentialLike): CredentialsSource {
  return async () => {
    const token = await credential.getToken(AZURE_REDIS_SCOPE);
    if (!token) throw new Error(`no Microsoft Entra ID token for ${AZURE_REDIS_SCOPE}`);
    return { username: objectIdOf(token.token), password: token.token, expiresAt: token.expiresOnTimestamp };
  };
}

/** The `oid` claim of a JWT's payload: the identity's object id, which the cache's access policy assignment names. */
function objectIdOf(jwt: string): string {
  const payload = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8") || "{}") as { oid?: unknown };
  if (typeof payload.oid !== "string") throw new Error("the Microsoft Entra ID token names no object id (oid)");
  return payload.oid;
}
