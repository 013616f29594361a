import type { CredentialsSource } from "./refreshing-credentials.js";

/** An OAuth 2.0 access token of the function's service account (google-auth-library's), and when it expires (epoch ms). */
export type GoogleAccessToken = () => Promise<{ token: string; expiresAt: number }>;

/**
 * Memorystore's IAM authentication (Memorystore for Valkey and for Redis Cluster), as Google
 * documents it: the service account's access token as the password (AUTH <token>), no user name;
 * the account needs roles/memorystore.dbConnectionUser on the instance.
 */
export function memorystoreIamCredentials(accessToken: GoogleAccessToken): CredentialsSource {
  return async () => {
    const { token, expiresAt } = await accessToken();
    return { password: token, expiresAt };
  };
}
