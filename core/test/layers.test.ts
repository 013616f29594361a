import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = join(dirname(fileURLToPath(import.meta.url)), "../src");

/** The folders of core that sit below the order domain: the function model, apps, HTTP, JSON, tracing, config. */
const BELOW_THE_DOMAIN = ["function", "app", "http", "json", "observability", "config"];

describe("core's layers", () => {
  for (const layer of BELOW_THE_DOMAIN) {
    it(`${layer}/ imports nothing from orders/ (the domain sits above it)`, () => {
      const files = readdirSync(join(src, layer), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
      const imports = files.flatMap((file) =>
        [...readFileSync(join(src, layer, file), "utf8").matchAll(/from "(\.\.?\/[^"]+)"/g)]
          .map((m) => join(dirname(join(layer, file)), m[1]!))
          .filter((target) => target.startsWith("orders/"))
          .map((target) => `${layer}/${file} -> ${target}`),
      );
      expect(imports).toEqual([]);
    });
  }
});
