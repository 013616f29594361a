import { defineProject } from "vitest/config";

// Benchmarks are not tests: this project only checks that `npm run bench` still runs, with tiny counts.
export default defineProject({
  test: { name: "bench", include: ["test/**/*.test.ts"], testTimeout: 420_000 },
});
