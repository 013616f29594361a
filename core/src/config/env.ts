/** One wrong variable: its name, what it allows, and what it held. */
export interface ConfigProblem {
  variable: string;
  allowed: string;
  got: string | undefined;
}

const describeProblem = ({ variable, allowed, got }: ConfigProblem) =>
  `${variable} must be ${allowed} (got ${got === undefined ? "nothing" : JSON.stringify(got)})`;

/**
 * Configuration that cannot start the service: names each wrong variable and what it allows.
 * One start reports every wrong variable it read (see `readAll`), not only the first.
 */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(variable: string, allowed: string, got: string | undefined) {
    super(describeProblem({ variable, allowed, got }));
    this.name = "ConfigError";
    this.problems = [{ variable, allowed, got }];
  }

  /** The first (or only) wrong variable. */
  get variable(): string {
    return this.problems[0]!.variable;
  }

  /** One error naming all of them; a single problem keeps its one-line message. */
  static of(problems: readonly ConfigProblem[]): ConfigError {
    const [first, ...rest] = problems;
    if (!first) throw new Error("ConfigError.of needs at least one problem");
    const error = new ConfigError(first.variable, first.allowed, first.got);
    if (rest.length === 0) return error;
    Object.assign(error, {
      problems: [...problems],
      message: `${problems.length} settings are wrong:\n${problems.map((p) => `  ${describeProblem(p)}`).join("\n")}`,
    });
    return error;
  }
}

/**
 * Runs every read, even after one fails: the wrong values are gathered and thrown as one
 * ConfigError, so that a start names all the variables to fix at once. Other errors pass through.
 */
export function readAll<T extends unknown[]>(...reads: { [K in keyof T]: () => T[K] }): T {
  const problems: ConfigProblem[] = [];
  const values = reads.map((read) => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  });
  if (problems.length > 0) throw ConfigError.of(problems);
  return values as T;
}

/** Environment variables by name (`process.env`, or a test's own). */
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

/** Typed reads of environment variables, as `envReader` gives them. */
export type EnvReader = ReturnType<typeof envReader>;
