import { defineProject } from "vitest/config";
import { onSources } from "../../vitest.sources.ts";

export default defineProject({
  ...onSources,
  test: {
    name: "@skyport/firestore",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // No Google metadata server here: the client must not spend seconds probing for one.
    env: { METADATA_SERVER_DETECTION: "none" },
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
