import type { UserWorkspaceConfig } from "vitest/config";

/** The export condition under which each workspace package maps its entries to its TypeScript sources. */
export const SOURCE_CONDITION = "@skyport/source";

/**
 * Every test project runs the packages from their sources, not their built dist/ (no build needed).
 * Vitest also hands the server conditions to node (--conditions) for what it leaves to node: so no
 * "module" there, which would send node to packages' bundler-only builds (@aws-sdk/*'s dist-es).
 */
export const onSources: Pick<UserWorkspaceConfig, "resolve" | "ssr"> = {
  resolve: { conditions: [SOURCE_CONDITION, "module", "browser", "development|production"] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, "node", "development|production"] } },
};
