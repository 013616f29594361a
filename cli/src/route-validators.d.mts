import type { Plugin } from "esbuild";

/** The esbuild namespace of the module that registers a bundle's compiled validators. */
export const VALIDATORS: string;
/** The source of the module registering the validators of the routes `functions` serve, or undefined where they declare no schema. */
export function compiledValidators(declaration: object, functions: readonly object[]): string | undefined;
/** The import a generated entry starts with where the bundle has validators. */
export function validatorsImport(source: string | undefined): string;
/** Serves `skyport:route-validators` and refuses @skyport/core/schemas and Ajv's compiler in a bundle. */
export function routeValidators(appDir: string, source: string | undefined): Plugin;
