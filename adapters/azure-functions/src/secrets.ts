import type { TokenCredential } from "@azure/core-auth";
import type { SecretClient, SecretClientOptions } from "@azure/keyvault-secrets";
import { envReader, isNetworkError, SecretReadFailed, type Env, type SecretFailure, type SecretSource } from "@skyport/core";
import { azureCredential } from "./credential.js";

/** SKYPORT_KEY_VAULT_URL: the vault the app's secrets live in (https://NAME.vault.azure.net/, which the Bicep template sets); a loopback one for a stand-in. */
export const KEY_VAULT_URL_VARIABLE = "SKYPORT_KEY_VAULT_URL";
const VAULT_URL = /^(https:\/\/[a-z0-9-]{3,24}\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)|http:\/\/127\.0\.0\.1:\d{1,5})\/?$/;
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

function failureOf(error: unknown): SecretFailure {
  const { statusCode } = error as { statusCode?: number };
  if (statusCode === 404) return "not-found";
  if (isNetworkError(error) || (error as { code?: string }).code === "REQUEST_SEND_ERROR") return "unreachable";
  if (statusCode !== undefined && TRANSIENT_STATUS.has(statusCode)) return "throttled";
  return "denied";
}

/** How the Key Vault secret source signs in: the credential, and the client's options. */
export interface KeyVaultOptions {
  /** The app's managed identity by default (the template gives it Key Vault Secrets User on each declared secret). */
  credential?: TokenCredential;
  /** The client's own options beyond these (a stand-in's insecure loopback) are for tests. */
  client?: SecretClientOptions;
}

/**
 * Azure Key Vault as the app's secret source: the current version of the secret named as
 * declared, in the vault at SKYPORT_KEY_VAULT_URL (read now: a missing or wrong one fails the
 * start), by the app's managed identity. `@azure/keyvault-secrets` is imported at the first read
 * (a chunk of its own in the Functions app) and tries once: core's rules retry.
 */
export function keyVaultSecrets(env: Env = process.env, options: KeyVaultOptions = {}): SecretSource {
  const vaultUrl = envReader(env).string(KEY_VAULT_URL_VARIABLE, undefined, VAULT_URL, "a Key Vault URL such as https://NAME.vault.azure.net/");
  let loaded: Promise<SecretClient> | undefined;
  const load = () =>
    (loaded ??= import("@azure/keyvault-secrets").then(
      ({ SecretClient }) => new SecretClient(vaultUrl, options.credential ?? azureCredential(), { retryOptions: { maxRetries: 0 }, ...options.client }),
    ));
  return {
    async read(name) {
      const client = await load();
      try {
        const secret = await client.getSecret(name);
        if (secret.value === undefined) throw Object.assign(new Error(`secret ${name} has no value`), { statusCode: 404 });
        return secret.value;
      } catch (error) {
        throw new SecretReadFailed(name, failureOf(error), error);
      }
    },
  };
}
