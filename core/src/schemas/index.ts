/**
 * `@skyport/core/schemas`: Ajv, for what runs from sources (tests, an in-process server) and for
 * `skyport build`, never in a bundle (the build refuses this module there). A bundle's routes
 * get validators compiled ahead of time instead, registered by the module the build writes.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { useSchemaCompiler } from "../http/schema-validators.js";
import type { SchemaValidator } from "../http/schema-errors.js";

/**
 * The order service's validators' options (core/scripts/compile-validators.mjs): every error, not
 * the first; `unicode: false` measures lengths in UTF-16 code units (String.length), so compiled
 * code needs no Ajv helper at run time; `x-error-message` words a rule's error.
 */
function schemaCompiler(source: boolean): Ajv2020 {
  const code = source ? { code: { source: true, esm: true, lines: true, optimize: true } } : {};
  const ajv = new Ajv2020({ allErrors: true, strict: true, unicode: false, logger: quietAboutUnicode, ...code });
  ajv.addKeyword({ keyword: "x-error-message", schemaType: "string" });
  return ajv;
}

/** Ajv's console, but for its notice that `unicode` is deprecated: the option is chosen (see above), and said once per compiler. */
const quietAboutUnicode = {
  log: console.log,
  warn: (...args: unknown[]) => {
    if (!String(args[0]).startsWith("DEPRECATED: option unicode")) console.warn(...args);
  },
  error: console.error,
};

/** Lets every declared route's schemas compile when bound, in this process: for tests and runs from sources, where no build compiled them. */
export function compileSchemasAtRunTime(): void {
  const ajv = schemaCompiler(false);
  useSchemaCompiler((schema) => ajv.compile(schema) as SchemaValidator);
}

/**
 * The source of a module that registers a validator, compiled now (Ajv's standalone code), for
 * each schema by its key (`schemaKey`): what `skyport build` puts in each bundle that serves the routes.
 */
export function validatorsModuleSource(schemas: Readonly<Record<string, object>>): string {
  const ajv = schemaCompiler(true);
  const exports: Record<string, string> = {};
  for (const [key, schema] of Object.entries(schemas)) {
    ajv.addSchema(schema, key);
    exports[`v${key}`] = key;
  }
  const registered = Object.keys(schemas).map((key) => `${JSON.stringify(key)}: v${key}`);
  return [`import { registerValidators } from "@skyport/core";`, standaloneCode(ajv, exports), `registerValidators({ ${registered.join(", ")} });`].join("\n");
}
