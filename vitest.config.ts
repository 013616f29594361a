import { defineConfig } from "vitest/config";

// One run, one summary: each workspace is a project (apps/orders has one per deployment target),
// and each project's globalSetup starts the emulators it needs.
export default defineConfig({
  test: {
    projects: ["core", "adapters/*", "apps/orders/vitest.*.config.ts", "cli", "cli/vitest.clouds.config.ts", "create", "deploy", "docs", "bench"],
  },
});
