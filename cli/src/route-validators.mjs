/** The esbuild namespace of the module that registers a bundle's compiled validators: generated, not a file. */
export const VALIDATORS = "skyport-route-validators";
const MODULE = "skyport:route-validators";
const RUN_TIME_COMPILER = "@skyport/core/schemas";

/**
 * The validators of the declared routes the given functions serve, compiled now (no schema
 * compiles at a cold start): the source of a module that registers them, or undefined where they
 * declare no schema. `declaration` is what load.mjs's loadDeclaration gives.
 */
export function compiledValidators(declaration, functions) {
  const routes = functions.flatMap((fn) => (fn.trigger.kind === "http" ? (fn.trigger.routes ?? []) : []));
  const schemas = declaration.routeSchemas(routes);
  return Object.keys(schemas).length > 0 ? declaration.validatorsModuleSource(schemas) : undefined;
}

/** What a generated entry imports first, so the validators are registered before any route is bound. */
export function validatorsImport(source) {
  return source === undefined ? "" : `import ${JSON.stringify(MODULE)};\n`;
}

/**
 * An esbuild plugin for every bundle: serves the entry's `skyport:route-validators` (`source`), and
 * refuses what would compile schemas in the bundle, @skyport/core/schemas and Ajv's compiler (Ajv's
 * small run-time helpers, which compiled code may need, stay allowed).
 */
export function routeValidators(appDir, source) {
  return {
    name: "skyport-route-validators",
    setup(build) {
      build.onResolve({ filter: /^skyport:route-validators$/ }, () => ({ path: "route-validators", namespace: VALIDATORS }));
      build.onLoad({ filter: /.*/, namespace: VALIDATORS }, () => ({ contents: source ?? "", resolveDir: appDir, loader: "js" }));
      build.onResolve({ filter: /^(@skyport\/core\/schemas|ajv)($|\/)/ }, (args) => {
        if (args.path.startsWith("ajv/dist/runtime/")) return undefined;
        const what = args.path.startsWith(RUN_TIME_COMPILER) ? RUN_TIME_COMPILER : "Ajv";
        return {
          errors: [
            {
              text:
                `${args.importer} imports ${args.path}: ${what} compiles schemas at run time, which no bundle does; ` +
                `skyport build compiles every declared route's schemas ahead of time (keep ${RUN_TIME_COMPILER} to tests and runs from sources)`,
            },
          ],
        };
      });
    },
  };
}
