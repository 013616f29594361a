/** A configuration value that cannot start the service: names the variable and what it allows. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly allowed: string,
    readonly got: string | undefined,
  ) {
    super(`${variable} must be ${allowed} (got ${got === undefined ? "nothing" : JSON.stringify(got)})`);
    this.name = "ConfigError";
  }
}

export type Env = Record<string, string | undefined>;

/** Typed reads of environment variables; an empty value counts as unset. */
export function envReader(env: Env) {
  const raw = (name: string) => (env[name] === "" ? undefined : env[name]);
  return {
    oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
      const value = raw(name) ?? fallback;
      if (value === undefined || !allowed.includes(value as T)) {
        throw new ConfigError(name, `one of ${allowed.join(", ")}`, raw(name));
      }
      return value as T;
    },
    integer(name: string, min: number, max: number, fallback: number): number {
      const value = raw(name);
      if (value === undefined) return fallback;
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(n >= min && n <= max)) throw new ConfigError(name, `an integer from ${min} to ${max}`, value);
      return n;
    },
    string(name: string, fallback?: string, pattern?: RegExp, describe = "set"): string {
      const value = raw(name) ?? fallback;
      if (value === undefined || (pattern && !pattern.test(value))) throw new ConfigError(name, describe, raw(name));
      return value;
    },
    optional(name: string): string | undefined {
      return raw(name);
    },
  };
}

export type EnvReader = ReturnType<typeof envReader>;
