import { Problem } from "../http/problem.js";

/** What a handler reads secrets through: `await services.secrets.get("payments-api-key")`. */
export interface Secrets {
  /** The secret's current value; a secret the function does not list is an error, one that cannot be read a 503. */
  get(name: string): Promise<string>;
}

/** Where a cloud keeps secrets (Secrets Manager, Secret Manager, Key Vault, the local machine): one read, no cache, no retry. */
export interface SecretSource {
  read(name: string): Promise<string>;
}

/** Why a source could not read a secret: `throttled` and `unreachable` are tried again, the others are not. */
export type SecretFailure = "not-found" | "denied" | "throttled" | "unreachable";

/** A source's failed read, classified; its message names the secret and never a value. */
export class SecretReadFailed extends Error {
  constructor(
    readonly secret: string,
    readonly reason: SecretFailure,
    cause?: unknown,
  ) {
    super(`secret ${secret}: ${reason}`, cause === undefined ? undefined : { cause });
    this.name = "SecretReadFailed";
  }

  /** Worth another try soon: the service refused for now, or did not answer. */
  get transient(): boolean {
    return this.reason === "throttled" || this.reason === "unreachable";
  }
}

/** A read of a secret the function does not list (or the app does not declare): a bug in the app, answered as a 500. */
export class SecretNotListed extends Error {
  constructor(
    readonly secret: string,
    listed: readonly string[],
  ) {
    super(
      `secret ${JSON.stringify(secret)} is not one this function lists (${listed.length ? listed.join(", ") : "it lists none"}): ` +
        "declare it with secret(...) in the app's secrets and list it in the function's secrets",
    );
    this.name = "SecretNotListed";
  }
}

/** A secret that could not be read: the request fails as a 503 problem that names the secret and no value (its cause goes to the log). */
export class SecretUnavailable extends Problem {
  constructor(
    readonly secret: string,
    cause: unknown,
  ) {
    super("unavailable", `The secret ${secret} cannot be read now; try again shortly.`, undefined, { "retry-after": "1" }, cause);
    this.name = "SecretUnavailable";
  }
}
