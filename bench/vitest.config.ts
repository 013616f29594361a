import { defineProject } from "vitest/config";
import { onSources } from "../vitest.sources.ts";

// Benchmarks are not tests: this project only checks that `npm run bench` still runs, with tiny counts.
export default defineProject({
  ...onSources,
  test: { name: "bench", include: ["test/**/*.test.ts"], testTimeout: 420_000 },
});
