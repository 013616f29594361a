import type { GetSecretValueCommandOutput, SecretsManagerClient, SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import { isNetworkError, SecretReadFailed, type Env, type SecretFailure, type SecretSource } from "@skyport/core";

type SecretsManager = typeof import("@aws-sdk/client-secrets-manager");

/** Secrets Manager's error names that mean "not now": the read is tried again (by core's rules, not the SDK's). */
const TRANSIENT = new Set(["ThrottlingException", "TooManyRequestsException", "InternalServiceError", "RequestTimeout", "TimeoutError"]);

/** What went wrong, in core's words: gone, refused (access, decryption), or not now. */
function failureOf(error: unknown): SecretFailure {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (name === "ResourceNotFoundException") return "not-found";
  if (isNetworkError(error) || name === "TimeoutError") return "unreachable";
  if ((name && TRANSIENT.has(name)) || ($metadata?.httpStatusCode ?? 0) >= 500) return "throttled";
  return "denied";
}

/**
 * AWS Secrets Manager as the function's secret source: `GetSecretValue` of the secret named as
 * declared, by the function's role (the SAM template grants it that secret's ARN only). The SDK
 * is imported at the first read, so only a function that reads secrets loads it, and it tries
 * once: core's rules retry. `AWS_ENDPOINT_URL_SECRETS_MANAGER` (the SDK's own variable) points
 * it at a stand-in; `config` is for tests (a stand-in's region and credentials).
 */
export function secretsManagerSecrets(env: Env = process.env, config: SecretsManagerClientConfig = {}): SecretSource {
  const endpoint = env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
  let loaded: Promise<{ sdk: SecretsManager; client: SecretsManagerClient }> | undefined;
  const load = () =>
    (loaded ??= import("@aws-sdk/client-secrets-manager").then((sdk) => ({
      sdk,
      client: new sdk.SecretsManagerClient({
        maxAttempts: 1,
        requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
        ...(endpoint && { endpoint }),
        ...config,
      }),
    })));
  return {
    async read(name) {
      const { sdk, client } = await load();
      let answer: GetSecretValueCommandOutput;
      try {
        answer = await client.send(new sdk.GetSecretValueCommand({ SecretId: name }));
      } catch (error) {
        throw new SecretReadFailed(name, failureOf(error), error);
      }
      if (answer.SecretString !== undefined) return answer.SecretString;
      if (answer.SecretBinary !== undefined) return Buffer.from(answer.SecretBinary).toString("utf8");
      throw new SecretReadFailed(name, "not-found");
    },
  };
}
