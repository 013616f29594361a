import { join, relative, resolve } from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { entryPoints } from "../../../scripts/api-reports.mjs";
import { REPOSITORY } from "../temporary-workspace.js";
import { assertBuilt, frameworkPackages, type PublishedPackage } from "./published-packages.js";

/** The order domain as it ships: `@skyport/core/orders` and `@skyport/core/orders/testing`, built. */
const ORDER_DOMAIN = join(REPOSITORY, "core/dist/orders/");
const ORDER_ENTRIES = new Set(["@skyport/core ./orders", "@skyport/core ./orders/testing"]);

/** The built file an entry point's `import` condition names. */
const builtFile = ({ dir, manifest }: PublishedPackage, entry: string) => join(dir, (manifest.exports as Record<string, { import: string }>)[entry]!.import);

/** Every entry point of every framework package but the order domain's own, with its built file. */
const entries = frameworkPackages().flatMap((pkg) =>
  entryPoints(pkg.dir)
    .map(({ entry }) => [`${pkg.manifest.name} ${entry}`, pkg, builtFile(pkg, entry)] as const)
    .filter(([name]) => !ORDER_ENTRIES.has(name)),
);

/** The entry's bundle: what it loads, @skyport packages included, each other package left as an import. */
async function bundled(file: string): Promise<Metafile> {
  const { metafile } = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    absWorkingDir: REPOSITORY,
    platform: "node",
    format: "esm",
    logLevel: "silent",
    plugins: [
      {
        name: "other-packages-external",
        setup(plugin) {
          plugin.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith("@skyport/") ? undefined : { path, external: true }));
        },
      },
    ],
  });
  return metafile;
}

/** The imports from `from` to the first input under `inside`, as a list of inputs (breadth first: the shortest chain). */
function chainTo(metafile: Metafile, from: string, inside: (input: string) => boolean): string[] | undefined {
  const cameFrom = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (const input of queue) {
    if (inside(input)) {
      const chain: string[] = [];
      for (let at: string | undefined = input; at !== undefined; at = cameFrom.get(at)) chain.unshift(at);
      return chain;
    }
    for (const { path } of metafile.inputs[input]?.imports ?? []) {
      if (cameFrom.has(path) || !(path in metafile.inputs)) continue;
      cameFrom.set(path, input);
      queue.push(path);
    }
  }
  return undefined;
}

/** Issue #25: nothing that ships in a package loads the order domain unless it is the order domain. */
describe.each(entries)("%s as it ships", (_, pkg, file) => {
  it("loads nothing of the order domain (core's dist/orders/)", async () => {
    assertBuilt(pkg);
    const metafile = await bundled(file);
    const entry = relative(REPOSITORY, file);
    const chain = chainTo(metafile, entry, (input) => resolve(REPOSITORY, input).startsWith(ORDER_DOMAIN));
    expect(chain, `${entry} reaches the order domain: ${chain?.join(" -> ")}`).toBeUndefined();
  });
});
