import { configDefaults, defineProject } from "vitest/config";
import { onSources } from "../vitest.sources.ts";

export default defineProject({
  ...onSources,
  // test/clouds is a project of its own (vitest.clouds.config.ts): the stores' emulators start for it alone.
  test: { name: "@skyport/cli", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/clouds/**"], testTimeout: 120_000 },
});
