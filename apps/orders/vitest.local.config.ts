import { defineProject } from "vitest/config";
import { onSources } from "../../vitest.sources.ts";

export default defineProject({
  ...onSources,
  test: {
    name: "orders-local",
    include: ["test/local/**/*.test.ts"],
    // The local server on every store: the cloud stores' stand-ins start before the tests.
    globalSetup: ["test/build-setup.ts", "test/local/global-setup.ts"],
    // No metadata server here: the Google clients must not wait for one.
    env: { METADATA_SERVER_DETECTION: "none", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
