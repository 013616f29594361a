import { defineProject } from "vitest/config";
import { onSources } from "../../vitest.sources.ts";

export default defineProject({
  ...onSources,
  test: { name: "@skyport/sqlite", include: ["test/**/*.test.ts"], testTimeout: 20_000, hookTimeout: 120_000 },
});
