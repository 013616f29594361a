import { defineProject } from "vitest/config";
import { onSources } from "../vitest.sources.ts";

// Apart from the cli project: its global setup builds a generated app and starts DynamoDB Local, the
// Firestore emulator and the Cosmos DB server, which the generator's own tests do not need.
export default defineProject({
  ...onSources,
  test: {
    name: "@skyport/cli-clouds",
    include: ["test/clouds/**/*.test.ts"],
    globalSetup: ["test/clouds/global-setup.ts"],
    // No Google metadata server here: the Firestore client must not spend seconds probing for one.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", METADATA_SERVER_DETECTION: "none" },
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
