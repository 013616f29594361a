import { defineConfig } from "vitest/config";

// One run, one summary: every workspace is a project; emulators start in each project's globalSetup.
export default defineConfig({
  test: {
    projects: ["core", "adapters/*", "apps/*", "deploy"],
    reporters: ["default"],
  },
});
