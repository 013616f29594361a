import { defineConfig } from "vitest/config";

// `npm run test:contract`: the HTTP contract against a deployed URL (SKYPORT_BASE_URL). Not part of npm test.
export default defineConfig({
  test: { name: "contract-remote", include: ["test/remote/**/*.contract.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
