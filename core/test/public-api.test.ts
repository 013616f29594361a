import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as framework from "../src/index.js";

const src = join(dirname(fileURLToPath(import.meta.url)), "../src");

/** Every module of core the file reaches through its relative imports (static, re-exports and dynamic), itself included. */
function reachedFrom(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (fileName.startsWith(".")) visit(join(dirname(file), fileName).replace(/\.js$/, ".ts"));
    }
  };
  visit(join(src, entry));
  return [...seen].map((file) => relative(src, file)).sort();
}

describe("@skyport/core's root entry: the framework only", () => {
  it("reaches no module of the order domain (src/orders/): @skyport/core/orders holds it", () => {
    const reached = reachedFrom("index.ts");
    expect(reached.length).toBeGreaterThan(50);
    expect(reached.filter((file) => file.startsWith("orders/"))).toEqual([]);
  });

  it("exports no name of the order domain", () => {
    const names = Object.keys(framework);
    expect(names).toContain("defineApp");
    expect(names.filter((name) => /order/i.test(name))).toEqual([]);
  });
});
