import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { initSync, parse } from "cjs-module-lexer";

/**
 * esbuild plugin for split bundles: an `import()` of a CommonJS module gets its named exports, as
 * node gives them. Split, esbuild makes such a module a chunk of its own whose only export is
 * `default` (module.exports), so `const { PubSub } = await import("@google-cloud/pubsub")` finds
 * no PubSub there (a single-file bundle wraps it with every name). The import is routed through a
 * small ES module that re-exports each name node's own detection finds in the module
 * (cjs-module-lexer, what node runs on a CommonJS import), and module.exports as `default`.
 */
export const commonJsDynamicImports = {
  name: "skyport-commonjs-dynamic-imports",
  setup(build) {
    initSync();
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      const resolved = await build.resolve(args.path, { kind: "import-statement", resolveDir: args.resolveDir, importer: args.importer });
      if (resolved.errors.length > 0 || resolved.external || !isCommonJs(resolved.path)) return undefined;
      return { path: resolved.path, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, ({ path }) => ({ contents: namedExports(path), resolveDir: dirname(path), loader: "js" }));
  },
};

const NAMESPACE = "skyport-commonjs";

/** The module's source with `export { name }` for each of its exports. */
function namedExports(path) {
  const names = [...new Set(exportNames(path, new Set()))].filter((name) => name !== "default" && name !== "__esModule");
  return [
    `const commonJs = require(${JSON.stringify(path)});`,
    ...names.map((name, i) => `const name${i} = commonJs[${JSON.stringify(name)}];`),
    `export { ${names.map((name, i) => `name${i} as ${JSON.stringify(name)}`).join(", ")} };`,
    "export default commonJs;",
  ].join("\n");
}

/** The names node's CommonJS detection finds in a module, following its re-exports (`__exportStar(require("./x"))`). */
function exportNames(path, seen) {
  if (seen.has(path)) return [];
  seen.add(path);
  const { exports, reexports } = parse(readFileSync(path, "utf8"));
  const require = createRequire(path);
  const reexported = reexports.flatMap((specifier) => {
    try {
      const target = require.resolve(specifier);
      return isCommonJs(target) ? exportNames(target, seen) : [];
    } catch {
      return [];
    }
  });
  return [...exports, ...reexported];
}

/** Whether node loads the file as CommonJS: `.cjs`, or `.js` in a package whose type is not `module`. */
function isCommonJs(path) {
  const extension = extname(path);
  if (extension === ".cjs") return true;
  if (extension !== ".js") return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).type !== "module";
    } catch (error) {
      if (error.code !== "ENOENT" || dirname(dir) === dir) return true;
    }
  }
}
