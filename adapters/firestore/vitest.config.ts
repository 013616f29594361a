import { defineProject } from "vitest/config";

export default defineProject({
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
