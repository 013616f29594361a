import { defineProject } from "vitest/config";
import { onSources } from "../../vitest.sources.ts";

export default defineProject({
  ...onSources,
  test: {
    name: "orders-gcp",
    include: ["test/gcp/**/*.test.ts"],
    globalSetup: ["test/build-setup.ts", "test/gcp/global-setup.ts"],
    // No metadata server here: the Google clients must not wait for one.
    env: { METADATA_SERVER_DETECTION: "none" },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
