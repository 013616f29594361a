import type { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import { envReader, isNetworkError, SecretReadFailed, type Env, type SecretFailure, type SecretSource } from "@skyport/core";

/**
 * What a failed read means to core. Over REST the client's error carries the HTTP status (404,
 * 429...); a gRPC status code (5 NOT_FOUND, 8 RESOURCE_EXHAUSTED...) where it spoke gRPC.
 */
const NOT_FOUND = new Set([5, 404]);
const TRANSIENT = new Set([4, 8, 13, 14, 408, 429, 500, 502, 503, 504]);

function failureOf(error: unknown): SecretFailure {
  const { code } = error as { code?: number };
  if (code !== undefined && NOT_FOUND.has(code)) return "not-found";
  if (isNetworkError(error)) return "unreachable";
  if (code !== undefined && TRANSIENT.has(code)) return "throttled";
  return "denied";
}

// The client's own options beyond these (an auth client for a stand-in) are for tests.
type ClientOptions = ConstructorParameters<typeof SecretManagerServiceClient>[0];

/**
 * Google Secret Manager as the function's secret source: the `latest` version of the secret
 * named as declared (GOOGLE_CLOUD_PROJECT's, else the project the client finds), by the function's
 * service account (the deploy script binds it `secretAccessor` on that secret only). The client
 * speaks the REST API (`fallback`): the same calls as gRPC without loading gRPC, and what a
 * loopback stand-in can serve; `SKYPORT_SECRET_MANAGER_ENDPOINT` (http://host:port) points it
 * at one. The SDK is imported at the first read and tries once: core's rules retry.
 */
export function secretManagerSecrets(env: Env = process.env, options: ClientOptions = {}): SecretSource {
  const read = envReader(env);
  const project = read.optional("GOOGLE_CLOUD_PROJECT");
  const endpoint = read.optional("SKYPORT_SECRET_MANAGER_ENDPOINT");
  const at = endpoint ? new URL(endpoint) : undefined;
  let loaded: Promise<{ client: SecretManagerServiceClient; project: string }> | undefined;
  const load = () => {
    // A failed load (the project not found) is forgotten, so that the next read tries again.
    loaded ??= import("@google-cloud/secret-manager")
      .then(async ({ SecretManagerServiceClient }) => {
        const client = new SecretManagerServiceClient({
          fallback: true,
          ...(at && { apiEndpoint: at.hostname, port: Number(at.port), protocol: at.protocol.slice(0, -1) }),
          ...options,
        });
        return { client, project: project ?? (await client.getProjectId()) };
      })
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
    return loaded;
  };
  return {
    async read(name) {
      const { client, project } = await load();
      try {
        const [version] = await client.accessSecretVersion({ name: `projects/${project}/secrets/${name}/versions/latest` }, { maxRetries: 0 });
        const data = version.payload?.data;
        if (data === undefined || data === null) throw Object.assign(new Error(`secret ${name} has no payload`), { code: 404 });
        return typeof data === "string" ? Buffer.from(data, "base64").toString("utf8") : Buffer.from(data).toString("utf8");
      } catch (error) {
        throw new SecretReadFailed(name, failureOf(error), error);
      }
    },
  };
}
