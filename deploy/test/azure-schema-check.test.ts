import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ArmSchemas } from "../azure/verify/arm-schemas.js";
import { BicepSyntaxError, parseBicep } from "../azure/verify/bicep-template.js";
import { ResourceChecker, type Finding } from "../azure/verify/resource-check.js";

const schemas = new ArmSchemas(join(dirname(fileURLToPath(import.meta.url)), "../azure/schemas"));
const checker = new ResourceChecker(schemas);
const findings = (bicep: string): Finding[] => parseBicep(bicep).resources.flatMap((resource) => checker.check(resource));

const storage = (properties: string, type = "Microsoft.Storage/storageAccounts@2025-06-01") => `
param location string = resourceGroup().location
resource storage '${type}' = {
  name: 'stskyport'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
${properties}
  }
}
`;

const flexApp = (functionAppConfig: string) => `
resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: 'skyport-orders'
  location: 'westeurope'
  kind: 'functionapp,linux'
  properties: {
    functionAppConfig: {
${functionAppConfig}
    }
  }
}
`;

/** The checker must refuse what Azure would refuse; each snippet carries one deliberate mistake. */
describe("the schema check refuses a template with a mistake", () => {
  it("accepts the snippets below without their mistake", () => {
    expect(findings(storage("    allowSharedKeyAccess: false"))).toEqual([]);
    expect(findings(flexApp("      runtime: {\n        name: 'node'\n        version: '22'\n      }"))).toEqual([]);
  });

  it("a misspelled property name", () => {
    expect(findings(storage("    allowSharedKeyAcess: false"))).toEqual([
      {
        resource: "storage (Microsoft.Storage/storageAccounts@2025-06-01)",
        path: "properties.allowSharedKeyAcess",
        message: "is not a property the schema declares (did you mean allowSharedKeyAccess?)",
      },
    ]);
  });

  it("a misspelled property deep inside an object", () => {
    expect(findings(flexApp("      runtime: {\n        nmae: 'node'\n        version: '22'\n      }"))).toEqual([
      expect.objectContaining({ path: "properties.functionAppConfig.runtime.nmae", message: expect.stringContaining("did you mean name?") }),
    ]);
  });

  it("a misspelled property at the resource's top level", () => {
    expect(findings(storage("    allowSharedKeyAccess: false").replace("kind:", "knid:"))).toEqual([
      expect.objectContaining({ path: "knid", message: expect.stringContaining("did you mean kind?") }),
    ]);
  });

  it("a value outside the schema's enum", () => {
    expect(findings(flexApp("      runtime: {\n        name: 'nodejs'\n      }"))).toEqual([
      expect.objectContaining({ path: "properties.functionAppConfig.runtime.name", message: expect.stringMatching(/^"nodejs" is not one of .*"node"/) }),
    ]);
  });

  it("a literal of the wrong type", () => {
    expect(findings(storage("    allowSharedKeyAccess: 'false'"))).toEqual([
      expect.objectContaining({ path: "properties.allowSharedKeyAccess", message: '"false" is not of type boolean' }),
    ]);
  });

  it("a misspelled resource type", () => {
    expect(findings(storage("    allowSharedKeyAccess: false", "Microsoft.Storage/storageAcounts@2025-06-01"))).toEqual([
      expect.objectContaining({ message: "no schema for resource type Microsoft.Storage/storageAcounts" }),
    ]);
  });

  it("an API version Azure does not publish for the type", () => {
    expect(findings(storage("    allowSharedKeyAccess: false", "Microsoft.Storage/storageAccounts@2025-13-01"))).toEqual([
      expect.objectContaining({ message: "no schema for API version 2025-13-01 of Microsoft.Storage/storageAccounts (schemas: 2025-06-01)" }),
    ]);
  });

  it("a missing required property", () => {
    const assignment = `
resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  }
}
`;
    expect(findings(assignment)).toEqual([expect.objectContaining({ path: "properties.principalId", message: "is required" })]);
  });

  it("Bicep that does not parse", () => {
    expect(() => parseBicep("resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {\n  name: 'x'\n  properties: {\n")).toThrow(BicepSyntaxError);
  });
});
