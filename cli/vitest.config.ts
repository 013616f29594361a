import { configDefaults, defineProject } from "vitest/config";

export default defineProject({
  // test/clouds is a project of its own (vitest.clouds.config.ts): the stores' emulators start for it alone.
  test: { name: "@skyport/cli", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/clouds/**"], testTimeout: 120_000 },
});
