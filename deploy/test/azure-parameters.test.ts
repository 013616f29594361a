import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseBicep, type BicepParameter } from "../azure/verify/bicep-template.js";

const here = dirname(fileURLToPath(import.meta.url));
const template = parseBicep(readFileSync(join(here, "../azure/main.bicep"), "utf8"));
const file = JSON.parse(readFileSync(join(here, "../azure/main.parameters.json"), "utf8")) as {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, { value: unknown }>;
};

const JSON_TYPE: Record<string, string> = { string: "string", int: "number", bool: "boolean", object: "object", array: "object" };

/** What a parameter's decorators allow, as the messages Bicep would give. */
function refusals(parameter: BicepParameter, value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== JSON_TYPE[parameter.type] || (parameter.type === "int" && !Number.isInteger(value))) problems.push(`is not of type ${parameter.type}`);
  for (const { name, args } of parameter.decorators) {
    const [limit] = args as [number | unknown[]];
    if (name === "allowed" && !(limit as unknown[]).includes(value)) problems.push(`is not one of ${JSON.stringify(limit)}`);
    if (name === "minValue" && (value as number) < (limit as number)) problems.push(`is below ${limit}`);
    if (name === "maxValue" && (value as number) > (limit as number)) problems.push(`is above ${limit}`);
    if (name === "minLength" && String(value).length < (limit as number)) problems.push(`is shorter than ${limit}`);
    if (name === "maxLength" && String(value).length > (limit as number)) problems.push(`is longer than ${limit}`);
  }
  return problems;
}

describe("deploy/azure/main.parameters.json", () => {
  it("is a deployment parameters file", () => {
    expect(file.$schema).toBe("https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#");
    expect(file.contentVersion).toBe("1.0.0.0");
  });

  it("sets only parameters main.bicep declares, each to a value its type and decorators allow", () => {
    for (const [name, { value }] of Object.entries(file.parameters)) {
      const parameter = template.parameters.get(name);
      expect(parameter, `main.bicep declares ${name}`).toBeDefined();
      expect(refusals(parameter!, value), name).toEqual([]);
    }
  });

  it("leaves no parameter without a value", () => {
    const missing = [...template.parameters.values()].filter((p) => p.default === undefined && !(p.name in file.parameters));
    expect(missing.map((p) => p.name)).toEqual([]);
  });

  it("refuses a value its decorators do not allow (the check can fail)", () => {
    expect(refusals(template.parameters.get("logLevel")!, "verbose")).toEqual(['is not one of ["debug","info","warn","error"]']);
    expect(refusals(template.parameters.get("instanceMemoryMB")!, "2048")).toEqual(["is not of type int", "is not one of [512,2048,4096]"]);
    expect(refusals(template.parameters.get("appName")!, "ab")).toEqual(["is shorter than 3"]);
  });
});
