import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "__NAME__", include: ["test/**/*.test.ts"], globalSetup: ["test/build-setup.ts"], testTimeout: 30_000, hookTimeout: 120_000 },
});
