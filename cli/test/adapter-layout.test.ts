import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// One layout for the runtime adapters (docs/EXTENDING.md, "Add a cloud"): a drift in one fails here.
const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const ADAPTERS = { "aws-lambda": "lambda", "gcp-functions": "gcp", "azure-functions": "azure" } as const;
/** What every adapter has at the top of src/: the public index, the kind table, and one file per shared concern (secrets.ts: the cloud's secret source). */
const TOP_LEVEL = ["context.ts", "errors.ts", "index.ts", "logging.ts", "metrics.ts", "options.ts", "register.ts", "secrets.ts", "trace.ts"];
/** A concern only one cloud has, named here so that nothing else slips in: Azure's one credential, which its SDK clients share. */
const OWN_TOP_LEVEL: Record<string, string[]> = { "azure-functions": ["credential.ts"] };
/** Each kind folder's files that every cloud has; the cloud's own translations sit beside them. */
const IN_KIND: Record<string, string[]> = { queue: ["handler.ts", "publisher-config.ts", "publisher.ts"], schedule: ["expression.ts", "handler.ts"] };

/** The trigger kinds core declares: one `core/src/app/<kind>-function.ts` each. */
const KINDS = readdirSync(join(repo, "core/src/app"))
  .map((file) => /^(\w+)-function\.ts$/.exec(file)?.[1])
  .filter((kind): kind is string => kind !== undefined)
  .sort();

const entries = (dir: string, directories: boolean) =>
  readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() === directories)
    .sort();
const capitalized = (kind: string) => kind[0]!.toUpperCase() + kind.slice(1);

describe("the runtime adapters share one layout", () => {
  it("core declares the kinds the adapters are checked for", () => {
    expect(KINDS).toEqual(expect.arrayContaining(["http", "queue", "schedule"]));
  });

  for (const [adapter, prefix] of Object.entries(ADAPTERS)) {
    const src = join(repo, "adapters", adapter, "src");

    it(`${adapter}: the same top-level files, and one folder per trigger kind (and testing/)`, () => {
      expect(entries(src, false)).toEqual([...TOP_LEVEL, ...(OWN_TOP_LEVEL[adapter] ?? [])].sort());
      expect(entries(src, true)).toEqual([...KINDS, "testing"].sort());
    });

    it(`${adapter}: each kind folder has handler.ts exporting ${prefix}<Kind>Handler, and what every cloud has beside it`, () => {
      for (const kind of KINDS) {
        const files = entries(join(src, kind), false);
        expect(files, kind).toEqual(expect.arrayContaining(IN_KIND[kind] ?? ["handler.ts"]));
        expect(readFileSync(join(src, kind, "handler.ts"), "utf8")).toMatch(new RegExp(`export function ${prefix}${capitalized(kind)}Handler\\b`));
      }
    });

    it(`${adapter}: the same names for the shared pieces in its index, and ./schedule at schedule/expression.ts`, () => {
      const index = readFileSync(join(src, "index.ts"), "utf8");
      expect(index).toMatch(/export (?:type )?\{[^}]*\btoContext\b[^}]*\} from "\.\/context\.js"/);
      expect(index).toMatch(/export (?:type )?\{[^}]*\btraceparentOf\b[^}]*\} from "\.\/trace\.js"/);
      expect(index).toMatch(/export (?:type )?\{[^}]*\bAdapterOptions\b[^}]*\} from "\.\/options\.js"/);
      // The context builder: the cloud's invocation first, then the adapter's options.
      expect(readFileSync(join(src, "context.ts"), "utf8")).toMatch(/export function toContext\([^)]*?, options: AdapterOptions\b/);
      const manifest = JSON.parse(readFileSync(join(repo, "adapters", adapter, "package.json"), "utf8")) as { exports: Record<string, object> };
      expect(manifest.exports["./schedule"]).toMatchObject({ "@skyport/source": "./src/schedule/expression.ts", import: "./dist/schedule/expression.js" });
    });
  }
});
