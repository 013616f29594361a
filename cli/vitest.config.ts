import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "@skyport/cli", include: ["test/**/*.test.ts"], testTimeout: 120_000 },
});
