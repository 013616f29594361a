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
    // Each file is read and lexed once a build: the import's check and its named exports read the same answer.
    const lexed = new Map();
    const exportsOf = (path) => {
      if (!lexed.has(path)) lexed.set(path, commonJsExports(path));
      return lexed.get(path);
    };
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      const resolved = await build.resolve(args.path, { kind: "import-statement", resolveDir: args.resolveDir, importer: args.importer });
      if (resolved.errors.length > 0 || resolved.external || !exportsOf(resolved.path)) return undefined;
      return { path: resolved.path, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, ({ path }) => ({ contents: namedExports(path, exportsOf), resolveDir: dirname(path), loader: "js" }));
  },
};

const NAMESPACE = "skyport-commonjs";

/** The module's source with `export { name }` for each of its exports (`exportsOf`: what the lexer finds in a file). */
function namedExports(path, exportsOf) {
  const names = [...new Set(exportNames(path, exportsOf, new Set()))].filter((name) => name !== "default" && name !== "__esModule");
  return [
    `const commonJs = require(${JSON.stringify(path)});`,
    ...names.map((name, i) => `const name${i} = commonJs[${JSON.stringify(name)}];`),
    `export { ${names.map((name, i) => `name${i} as ${JSON.stringify(name)}`).join(", ")} };`,
    "export default commonJs;",
  ].join("\n");
}

/** The names node's CommonJS detection finds in a module, following its re-exports (`__exportStar(require("./x"))`). */
function exportNames(path, exportsOf, seen) {
  const found = !seen.has(path) && exportsOf(path);
  seen.add(path);
  if (!found) return [];
  const require = createRequire(path);
  const reexported = found.reexports.flatMap((specifier) => {
    try {
      return exportNames(require.resolve(specifier), exportsOf, seen);
    } catch {
      return [];
    }
  });
  return [...found.exports, ...reexported];
}

/**
 * The exports cjs-module-lexer finds in a file esbuild bundles as CommonJS, or undefined for an ES module: `.mjs`, `.js`
 * in a package whose type is `module`, or a file with `import` or `export` statements (the lexer refuses it), such as
 * the `module` build of a package without a type (the AWS SDK's dist-es, which the bundles take first).
 */
function commonJsExports(path) {
  const extension = extname(path);
  if (extension !== ".cjs" && (extension !== ".js" || packageTypeOf(path) === "module")) return undefined;
  try {
    return parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

/** The `type` of the package.json nearest the file, as node reads it. */
function packageTypeOf(path) {
  for (let dir = dirname(path); dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).type;
    } catch (error) {
      if (error.code !== "ENOENT") return undefined;
    }
  }
  return undefined;
}
