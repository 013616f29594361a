import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, SecretReadFailed, secretVariable, type Env, type SecretSource } from "@skyport/core";

/** SKYPORT_SECRETS_DIR's default: a file per secret, named as declared, beside the SQLite file under .data/ (which git ignores). */
export const DEFAULT_SECRETS_DIR = ".data/secrets";

/** Variables each cloud's runtime sets: their presence means this process is not on a developer's machine. */
const CLOUD_RUNTIME = ["AWS_LAMBDA_FUNCTION_NAME", "FUNCTION_TARGET", "K_SERVICE", "FUNCTIONS_WORKER_RUNTIME"];

/**
 * This machine's secrets, for the local server and `skyport invoke`: SKYPORT_SECRET_<NAME>, else
 * the file SKYPORT_SECRETS_DIR/<name> (its last newline dropped), read again at each fetch so that
 * an edit is a rotation. Refused where a cloud's runtime runs the process: there the secrets
 * come from the cloud's store by the function's identity, never from settings or files.
 */
export function localSecrets(env: Env, dir = env.SKYPORT_SECRETS_DIR || DEFAULT_SECRETS_DIR): SecretSource {
  const cloud = CLOUD_RUNTIME.find((variable) => env[variable]);
  if (cloud)
    throw new ConfigError(cloud, "unset: the local secret source is refused in a cloud's runtime (its secrets come from the cloud's store)", env[cloud]);
  return {
    async read(name) {
      const set = env[secretVariable(name)];
      if (set) return set;
      try {
        return (await readFile(join(dir, name), "utf8")).replace(/\r?\n$/, "");
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        throw new SecretReadFailed(name, missing ? "not-found" : "denied", new Error(`${secretVariable(name)} is unset and ${join(dir, name)} cannot be read`));
      }
    },
  };
}
