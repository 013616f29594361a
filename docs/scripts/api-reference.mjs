import { rmSync } from "node:fs";
import { join } from "node:path";
import { Application, Converter, ReflectionKind } from "typedoc";
import { publishedPackages, REPO } from "./published-packages.mjs";

/**
 * Writes the API reference, Markdown pages generated from the published packages' TSDoc, into
 * `out` (one page per entry point, e.g. `@skyport/core/testing`). Generated at build, never committed.
 */
export async function writeApiReference(out) {
  const entries = publishedPackages().flatMap((pkg) => pkg.entries);
  // TypeDoc names a module after its path; the reader knows it by the specifier they import.
  const specifierOf = new Map(entries.map((entry) => [moduleName(entry.source), entry.specifier]));
  rmSync(out, { recursive: true, force: true });
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((entry) => entry.source),
    entryPointStrategy: "resolve",
    tsconfig: join(import.meta.dirname, "../tsconfig.reference.json"),
    plugin: ["typedoc-plugin-markdown"],
    out,
    outputFileStrategy: "modules",
    entryFileName: "index.md",
    readme: "none",
    hidePageHeader: true,
    // An element id for each anchor it links to, as it numbers them (one heading may take two names).
    useHTMLAnchors: true,
    sanitizeComments: true,
    hideBreadcrumbs: true,
    disableSources: true,
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    validation: { notExported: false, invalidLink: true, notDocumented: false },
    logLevel: "Warn",
    name: "API reference",
  });
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    if (reflection.kindOf(ReflectionKind.Module)) reflection.name = specifierOf.get(reflection.name) ?? reflection.name;
  });
  const project = await app.convert();
  if (!project) throw new Error("typedoc could not convert the packages' entry points");
  await app.generateOutputs(project);
  return entries.map((entry) => entry.specifier);
}

/** The name TypeDoc gives an entry point: its path from the repository, without `/index.ts`. */
function moduleName(source) {
  return source.slice(REPO.length + 1).replace(/(\/index)?\.ts$/, "");
}
