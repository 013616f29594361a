import { defineConfig } from "vitest/config";
import { onSources } from "../../vitest.sources.ts";

// Without a deployment to test, one line that says what to set, not a stack trace.
if (!process.env.SKYPORT_BASE_URL) {
  console.error(
    "npm run test:contract needs SKYPORT_BASE_URL (the deployed service's URL) " +
      "and SKYPORT_CONTRACT_TOKEN (an orders:admin JWT of its issuer); see README, Deploy",
  );
  process.exit(2);
}

// `npm run test:contract`: the HTTP contract against a deployed URL (SKYPORT_BASE_URL). Not part of npm test.
export default defineConfig({
  ...onSources,
  test: { name: "contract-remote", include: ["test/remote/**/*.contract.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
