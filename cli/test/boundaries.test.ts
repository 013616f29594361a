import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** Words of the order service: its functions, events, routes, use cases and types. */
const ORDER_SERVICE = /order\.created|orderId|\/orders\b|\bOrders?[A-Z]\w*|\b(?:confirm|cleanup|orders)\b|confirmOrder|deleteExpiredOrders/;

/** Every source file of a runtime adapter, test code aside. */
function runtimeSources(adapter: string): string[] {
  const src = join(repo, "adapters", adapter, "src");
  return readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.startsWith("testing"))
    .map((file) => join(src, file));
}

describe("runtime adapters know no app", () => {
  for (const adapter of ["aws-lambda", "gcp-functions", "azure-functions", "local"]) {
    it(`${adapter} names no order-service function, event or use case outside its test code`, () => {
      const hits = runtimeSources(adapter).flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${file.slice(repo.length + 1)}:${i + 1}` }))
          .filter(({ line }) => ORDER_SERVICE.test(line))
          .map(({ line, at }) => `${at}: ${line.trim()}`),
      );
      expect(hits).toEqual([]);
    });
  }
});
