import { defineProject } from "vitest/config";
import { onSources } from "../../vitest.sources.ts";

export default defineProject({
  ...onSources,
  test: {
    name: "@skyport/dynamodb",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
