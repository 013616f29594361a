import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readTemplate, type JsonObject } from "../aws/verify/cloudformation-yaml.js";
import { DEPLOY_SCRIPT, TEST_AUTH, dryRun } from "../gcp/verify/dry-run.js";

const deployDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const AUTH_SETTINGS = ["SKYPORT_AUTH_ISSUER", "SKYPORT_AUTH_AUDIENCE", "SKYPORT_AUTH_CUSTOMER_CLAIM"];

/** No deployment is open: the issuer and audience are required, and reach the HTTP function. */
describe("authentication in every template", () => {
  it("AWS: AuthIssuer and AuthAudience are required parameters, the HTTP API's JWT authorizer checks them, the function gets them", () => {
    const template = readTemplate(join(deployDir, "aws/template.yaml"));
    const parameters = template.Parameters as Record<string, JsonObject>;
    expect(parameters.AuthIssuer).not.toHaveProperty("Default");
    expect(parameters.AuthAudience).not.toHaveProperty("Default");
    const resources = template.Resources as Record<string, { Properties: JsonObject }>;
    const auth = resources.OrdersApi!.Properties.Auth as JsonObject;
    expect(auth).toMatchObject({
      DefaultAuthorizer: "OrdersJwt",
      Authorizers: {
        OrdersJwt: {
          IdentitySource: "$request.header.Authorization",
          JwtConfiguration: { issuer: { Ref: "AuthIssuer" }, audience: [{ Ref: "AuthAudience" }] },
        },
      },
    });
    const http = resources.HttpFunction!.Properties;
    expect(Object.keys((http.Environment as { Variables: JsonObject }).Variables)).toEqual(expect.arrayContaining(AUTH_SETTINGS));
    // Open at the gateway: /health, and the unmatched route that answers 404/405 before 401.
    const open = Object.entries(http.Events as Record<string, { Properties: JsonObject }>)
      .filter(([, event]) => (event.Properties.Auth as JsonObject | undefined)?.Authorizer === "NONE")
      .map(([name]) => name);
    expect(open.sort()).toEqual(["Health", "Unmatched"]);
  });

  it("Google Cloud: deploy.sh refuses to run without --auth-issuer and --auth-audience, and gives them to the HTTP function only", () => {
    for (const missing of [[], [TEST_AUTH[0]!], [TEST_AUTH[1]!], ["--auth-issuer=http://id.example.com", TEST_AUTH[1]!]]) {
      const refused = spawnSync("bash", [DEPLOY_SCRIPT, "--project=demo-skyport", ...missing, "--dry-run"], { encoding: "utf8" });
      expect(refused.status, missing.join(" ")).toBe(2);
      expect(refused.stderr).toMatch(/--auth-(issuer|audience).* is required/);
    }
    const script = dryRun(["--project=demo-skyport"]);
    const deploys = script.split("\n").filter((line) => line.includes("functions deploy"));
    const [http, ...others] = [deploys.find((l) => l.includes("--entry-point=api"))!, ...deploys.filter((l) => !l.includes("--entry-point=api"))];
    for (const setting of AUTH_SETTINGS) expect(http).toContain(setting);
    expect(http).toContain(TEST_AUTH[0]!.replace("--auth-issuer=", "SKYPORT_AUTH_ISSUER="));
    for (const other of others) expect(other).not.toContain("SKYPORT_AUTH_");
  });

  it("Azure: authIssuer and authAudience are parameters without defaults, set as the app's settings", () => {
    const bicep = readFileSync(join(deployDir, "azure/main.bicep"), "utf8");
    expect(bicep).toMatch(/^param authIssuer string$/m);
    expect(bicep).toMatch(/^param authAudience string$/m);
    for (const [setting, param] of [
      ["SKYPORT_AUTH_ISSUER", "authIssuer"],
      ["SKYPORT_AUTH_AUDIENCE", "authAudience"],
      ["SKYPORT_AUTH_CUSTOMER_CLAIM", "authCustomerClaim"],
    ]) {
      expect(bicep).toContain(`{ name: '${setting}', value: ${param} }`);
    }
  });
});
