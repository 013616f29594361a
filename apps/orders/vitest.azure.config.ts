import { defineProject } from "vitest/config";
import { onSources } from "../../vitest.sources.ts";

export default defineProject({
  ...onSources,
  test: {
    name: "orders-azure",
    include: ["test/azure/**/*.test.ts"],
    globalSetup: ["test/build-setup.ts", "test/azure/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: {
      // The entry builds its Cosmos client as in Azure, with no test agent; the local Cosmos
      // server's certificate is self-signed and expired, and these workers reach only loopback emulators.
      NODE_TLS_REJECT_UNAUTHORIZED: "0",
    },
  },
});
