import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "@skyport/local", include: ["test/**/*.test.ts"], testTimeout: 20_000 },
});
