import { defineProject } from "vitest/config";
import { onSources } from "../../vitest.sources.ts";

export default defineProject({
  ...onSources,
  test: {
    name: "@skyport/redis",
    include: ["test/**/*.test.ts"],
    // A redis-server of its own on a free loopback port, stopped after the run.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
