import type { UserWorkspaceConfig } from "vitest/config";

/** The export condition under which each workspace package maps its entries to its TypeScript sources. */
export const SOURCE_CONDITION = "@skyport/source";

/**
 * Every test project runs the packages from their sources, not their built dist/ (no build needed):
 * the source condition first, then Vite's defaults (defaultClientConditions, defaultServerConditions).
 */
export const onSources: Pick<UserWorkspaceConfig, "resolve" | "ssr"> = {
  resolve: { conditions: [SOURCE_CONDITION, "module", "browser", "development|production"] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, "module", "node", "development|production"] } },
};
