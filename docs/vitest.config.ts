import { defineProject } from "vitest/config";
import { onSources } from "../vitest.sources.ts";

export default defineProject({
  ...onSources,
  test: {
    name: "docs",
    include: ["test/**/*.test.ts"],
    // The global setup builds the site (API reference, VitePress) and serves it on the loopback.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
