import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "orders-local", include: ["test/local/**/*.test.ts"], globalSetup: ["test/build-setup.ts"], testTimeout: 20_000, hookTimeout: 60_000 },
});
