import { defineProject } from "vitest/config";

export default defineProject({
  // Each step runs npm against a registry of the test's own: installs and builds take minutes, not seconds.
  test: { name: "create-skyport", include: ["test/**/*.test.ts"], testTimeout: 900_000, hookTimeout: 120_000 },
});
