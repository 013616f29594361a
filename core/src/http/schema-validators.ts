import { createHash } from "node:crypto";
import type { TSchema } from "typebox";
import { canonicalJson } from "../json/canonical-json.js";
import type { RouteSpec } from "./declared-route.js";
import type { SchemaValidator } from "./schema-errors.js";

/** Compiles a schema at run time: `compileSchemasAtRunTime()` of `@skyport/core/schemas` installs one (tests, in-process runs). */
export type SchemaCompiler = (schema: object) => SchemaValidator;

const compiled = new Map<string, SchemaValidator>();
/** The keys of validators a module registered, compiled ahead of time (the build's, or a package's own): never compiled again. */
const registered = new Set<string>();
let compiler: SchemaCompiler | undefined;

/**
 * The key a schema's validator is kept under: a SHA-256 of its canonical JSON (keys sorted at every
 * level), so the build and the bundle name the same schema alike whatever object holds it.
 */
export function schemaKey(schema: TSchema | object): string {
  return createHash("sha256").update(canonicalJson(schema)).digest("hex").slice(0, 32);
}

/** Called by the module `skyport build` puts in a bundle: the validators it compiled ahead of time, by `schemaKey`. */
export function registerValidators(validators: Readonly<Record<string, SchemaValidator>>): void {
  for (const [key, validate] of Object.entries(validators)) {
    compiled.set(key, validate);
    registered.add(key);
  }
}

/** Lets schemas without a validator compiled ahead of time compile now (`@skyport/core/schemas`, never in a bundle). */
export function useSchemaCompiler(compile: SchemaCompiler | undefined): void {
  compiler = compile;
}

/** The validator of a route's schema, or an error saying how to get one (never a compile at a cold start). */
export function validatorOf(schema: TSchema, where: string): SchemaValidator {
  const key = schemaKey(schema);
  const found = compiled.get(key);
  if (found) return found;
  if (!compiler) {
    throw new Error(
      `${where} has no compiled validator (schema ${key}): skyport build compiles every declared route's schemas into the bundles that serve them; ` +
        `to run the app from its sources (tests, an in-process server), call compileSchemasAtRunTime() from @skyport/core/schemas first`,
    );
  }
  const validate = compiler(JSON.parse(canonicalJson(schema)) as object);
  compiled.set(key, validate);
  return validate;
}

/**
 * Every schema of the declared routes, each once, by its key (plain JSON): what the build compiles.
 * A schema whose validator a package registered as its routes loaded (the order service's) is left out: it ships compiled.
 */
export function routeSchemas(routes: readonly RouteSpec[]): Record<string, object> {
  const schemas: Record<string, object> = {};
  for (const declared of routes) {
    for (const schema of [declared.params, declared.query, declared.headers, declared.body]) {
      const key = schema && schemaKey(schema);
      if (schema !== undefined && key && !registered.has(key)) schemas[key] = JSON.parse(canonicalJson(schema)) as object;
    }
  }
  return schemas;
}
