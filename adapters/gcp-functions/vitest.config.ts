import { defineProject } from "vitest/config";
import { onSources } from "../../vitest.sources.ts";

export default defineProject({
  ...onSources,
  test: {
    name: "@skyport/gcp-functions",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    env: { METADATA_SERVER_DETECTION: "none" },
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
