import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** The framework's packages: what a user installs (the reference app, the bench and deploy are not among them). */
const FRAMEWORK = ["core", ...readdirSync(join(repo, "adapters")).map((name) => `adapters/${name}`), "cli"];

type Exports = Record<string, string | Record<string, string>>;

/** Each package's entry points, as `package.json` names them (`@skyport/core/orders`), with their source file. */
function entryPoints(): { entry: string; file: string }[] {
  return FRAMEWORK.flatMap((folder) => {
    const { name, exports = {} } = JSON.parse(readFileSync(join(repo, folder, "package.json"), "utf8")) as { name: string; exports?: Exports };
    return Object.entries(exports).flatMap(([path, target]) => {
      const source = typeof target === "string" ? target : target["@skyport/source"];
      return source?.endsWith(".ts") ? [{ entry: join(name, path), file: join(repo, folder, source) }] : [];
    });
  });
}

/** The names an entry exports whose declaration carries no doc comment, each with the file that declares it. */
function undocumented(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  return checker.getExportsOfModule(module).flatMap((exported) => {
    const declared = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const doc = ts.displayPartsToString(declared.getDocumentationComment(checker)).trim();
    const where = declared.declarations?.[0]?.getSourceFile().fileName ?? file;
    return doc ? [] : [`${exported.name} (${relative(repo, where)})`];
  });
}

describe("the framework's public API", () => {
  it("has a doc comment on every export of every entry point of every framework package", () => {
    const entries = entryPoints();
    expect(entries.map(({ entry }) => entry)).toEqual(expect.arrayContaining(["@skyport/core", "@skyport/core/orders", "@skyport/cli/checks"]));
    const { config } = ts.readConfigFile(join(repo, "tsconfig.base.json"), ts.sys.readFile);
    const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, repo);
    const program = ts.createProgram(
      entries.map(({ file }) => file),
      options,
    );
    const missing = Object.fromEntries(entries.map(({ entry, file }) => [entry, undocumented(program, file)]).filter(([, names]) => names!.length > 0));
    expect(missing).toEqual({});
  }, 600_000);
});
