import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@skyport/redis",
    include: ["test/**/*.test.ts"],
    // A redis-server of its own on a free loopback port, stopped after the run.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
