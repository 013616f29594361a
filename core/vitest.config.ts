import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "@skyport/core", include: ["test/**/*.test.ts"], testTimeout: 20_000, hookTimeout: 120_000 },
});
