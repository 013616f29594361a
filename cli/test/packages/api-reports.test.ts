import { describe, expect, it } from "vitest";
import { apiReport, entryPoints } from "../../../scripts/api-reports.mjs";
import { assertBuilt, frameworkPackages } from "./published-packages.js";

/** Every entry point of every framework package against its report in <package>/api/, from the built .d.ts. */
const entries = frameworkPackages().flatMap((pkg) => entryPoints(pkg.dir).map((entry) => [`${pkg.manifest.name} ${entry.entry}`, pkg, entry] as const));

describe.each(entries)("the public API of %s", (_, pkg, entry) => {
  it(`is the one api/${entry.reportName}.api.md records (npm run api updates it)`, () => {
    assertBuilt(pkg);
    const { changed, problems, difference } = apiReport(pkg.dir, entry, { update: false });
    expect(problems).toEqual([]);
    // A public signature changed: npm run api writes the report, and the change is seen in review.
    expect({ changed, difference }, `api/${entry.reportName}.api.md differs from the built .d.ts`).toEqual({ changed: false, difference: [] });
  });
});
