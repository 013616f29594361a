import { sep } from "node:path";

/**
 * esbuild's export conditions for the packages an app imports ("module" is esbuild's default, kept).
 * Run from this repository's checkout, the CLI bundles the workspace packages from their TypeScript
 * sources (their `@skyport/source` condition: no build of them needed); installed under
 * node_modules, it bundles their published dist/.
 */
export const CONDITIONS = import.meta.dirname.split(sep).includes("node_modules") ? ["module"] : ["@skyport/source", "module"];
