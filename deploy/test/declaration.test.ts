import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bicepProblems, gcloudProblems, readTemplate, samProblems } from "@skyport/cli/checks";
import app from "@skyport/orders/app";
import { describe, expect, it } from "vitest";

const deployDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Each template deploys exactly what apps/orders declares: every function, its trigger and schedule, its collections and their grants, no other. */
describe("the templates follow the order app's declaration", () => {
  it("deploy/aws/template.yaml", () => {
    expect(samProblems(app, readTemplate(join(deployDir, "aws/template.yaml")))).toEqual([]);
  });

  it("deploy/gcp/deploy.sh", () => {
    const indexes = JSON.parse(readFileSync(join(deployDir, "gcp/firestore.indexes.json"), "utf8"));
    expect(gcloudProblems(app, readFileSync(join(deployDir, "gcp/deploy.sh"), "utf8"), indexes)).toEqual([]);
  });

  it("deploy/azure/main.bicep", () => {
    expect(bicepProblems(app, readFileSync(join(deployDir, "azure/main.bicep"), "utf8"))).toEqual([]);
  });
});
