import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");
const page = readFileSync(join(repo, "docs/configuration.md"), "utf8");

/** The files a deployed app, the CLI, the templates and the repository's scripts read settings in (tests aside). */
function sourceFiles(): string[] {
  const folders = ["core/src", "cli/src", "cli/bin", "apps/orders/src", "scripts", "deploy/aws", "deploy/gcp", "deploy/azure"];
  for (const adapter of readdirSync(join(repo, "adapters"))) folders.push(`adapters/${adapter}/src`);
  return folders.flatMap((folder) =>
    readdirSync(join(repo, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.(ts|mts|mjs|sh|yaml|bicep)$/.test(file) && !file.includes("node_modules"))
      .map((file) => join(repo, folder, file)),
  );
}

it("names every SKYPORT_* setting the code reads, a family by its pattern (SKYPORT_COLLECTION_<NAME>)", () => {
  const read = new Set(sourceFiles().flatMap((file) => readFileSync(file, "utf8").match(/\bSKYPORT_[A-Z0-9_]+/g) ?? []));
  const families = [...page.matchAll(/\b(SKYPORT_[A-Z0-9_]*_)<[A-Z]+>/g)].map((match) => match[1]!);
  const missing = [...read].filter((name) => !page.includes(name) && !families.some((family) => name.startsWith(family)));
  expect(read.size).toBeGreaterThan(40);
  expect(missing).toEqual([]);
});
