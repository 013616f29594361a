import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readTemplate, type JsonObject } from "../aws/verify/cloudformation-yaml.js";
import { runWithStubbedClis, shellcheck } from "../aws/verify/cli-stubs.js";

const awsDir = join(dirname(fileURLToPath(import.meta.url)), "../aws");
const DEPLOY = join(awsDir, "deploy.sh");
const TEARDOWN = join(awsDir, "teardown.sh");
const template = readTemplate(join(awsDir, "template.yaml"));
const resources = template.Resources as Record<string, JsonObject>;
const outputs = template.Outputs as Record<string, JsonObject>;
const codeFolders = Object.values(resources)
  .filter((r) => r.Type === "AWS::Serverless::Function")
  .map((r) => basename(String((r.Properties as JsonObject).CodeUri)));

// A built tree as `npm run build` leaves it: each function's bundle with esbuild's metafile beside it.
const built = mkdtempSync(join(tmpdir(), "skyport-dist-aws-"));
for (const folder of codeFolders) {
  mkdirSync(join(built, folder));
  writeFileSync(join(built, folder, "index.mjs"), "export const handler = async () => ({});\n");
  writeFileSync(join(built, folder, "meta.json"), "{}");
}
afterAll(() => rmSync(built, { recursive: true, force: true }));

const flagValue = (argv: string[], name: string) => argv[argv.indexOf(name) + 1];

describe("deploy/aws/deploy.sh", () => {
  const AUTH = ["--auth-issuer=https://id.example.com/", "--auth-audience=https://orders.example.com"];
  const run = runWithStubbedClis(DEPLOY, ["--region=eu-west-1", "--stage=test", ...AUTH, `--source=${built}`]);
  const [deploy] = run.commands.filter((argv) => argv[0] === "sam" && argv[1] === "deploy");

  it("passes shellcheck", () => {
    expect(shellcheck(DEPLOY)).toBe("");
  });

  it("deploys the stage's own stack with the SAM CLI, the stage as a parameter, and reads the outputs with the AWS CLI", () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(flagValue(deploy!, "--stack-name")).toBe("skyport-orders-test");
    expect(flagValue(deploy!, "--region")).toBe("eu-west-1");
    expect(deploy).toEqual(
      expect.arrayContaining([
        "--resolve-s3",
        "--capabilities",
        "CAPABILITY_IAM",
        "--no-confirm-changeset",
        "--parameter-overrides",
        "Stage=test",
        "AuthIssuer=https://id.example.com/",
        "AuthAudience=https://orders.example.com",
      ]),
    );
    expect(run.commands.map((argv) => argv.slice(0, 3).join(" "))).toEqual(
      expect.arrayContaining(["aws sts get-caller-identity", "aws cloudformation describe-stacks"]),
    );
  });

  it("uploads every function's bundle folder but not esbuild's meta.json", () => {
    expect(run.uploaded).toContain("deploy/aws/template.yaml");
    for (const folder of codeFolders) expect(run.uploaded, folder).toContain(`apps/orders/dist/aws/${folder}/index.mjs`);
    expect(run.uploaded.filter((file) => file.endsWith("meta.json"))).toEqual([]);
  });

  it("refuses a stage name the template's pattern would refuse, and names the missing region", () => {
    expect(runWithStubbedClis(DEPLOY, ["--region=eu-west-1", "--stage=Prod_1", ...AUTH, `--source=${built}`]).status).toBe(2);
    const noRegion = runWithStubbedClis(DEPLOY, [...AUTH, `--source=${built}`]);
    expect(noRegion.status).toBe(2);
    expect(noRegion.stderr).toMatch(/--region/);
  });

  it("refuses to deploy an open API: the issuer (https://) and the audience are required", () => {
    for (const given of [[], [AUTH[0]!], [AUTH[1]!], ["--auth-issuer=http://id.example.com", AUTH[1]!]]) {
      const refused = runWithStubbedClis(DEPLOY, ["--region=eu-west-1", ...given, `--source=${built}`]);
      expect(refused.status, given.join(" ")).toBe(2);
      expect(refused.stderr).toMatch(/--auth-(issuer|audience).* is required/);
    }
  });
});

describe("deploy/aws/teardown.sh", () => {
  const run = runWithStubbedClis(TEARDOWN, ["--region=eu-west-1", "--stage=test", "--delete-data"]);
  const after = (argv: string[]) => run.commands.findIndex((c) => c.join(" ") === argv.join(" "));
  const stackDeleted = after(["sam", "delete", "--stack-name", "skyport-orders-test", "--region", "eu-west-1", "--no-prompts"]);
  // How each type of retained resource is deleted, given the stack output that names it.
  const DELETE_BY_TYPE: Record<string, (value: string) => string[]> = {
    "AWS::SQS::Queue": (url) => ["aws", "sqs", "delete-queue", "--queue-url", url, "--region", "eu-west-1"],
    "AWS::DynamoDB::Table": (name) => ["aws", "dynamodb", "delete-table", "--table-name", name, "--region", "eu-west-1"],
    "AWS::S3::Bucket": (name) => ["aws", "s3api", "delete-bucket", "--bucket", name, "--region", "eu-west-1"],
  };

  it("passes shellcheck", () => {
    expect(shellcheck(TEARDOWN)).toBe("");
  });

  it("deletes the stage's stack with the SAM CLI", () => {
    expect(run.status).toBe(0);
    expect(stackDeleted).toBeGreaterThanOrEqual(0);
  });

  it("with --delete-data, then deletes everything the stack retains, found through the stack's outputs read before it went", () => {
    const retained = Object.entries(resources).filter(([, r]) => r.DeletionPolicy === "Retain");
    expect(retained.length).toBeGreaterThanOrEqual(3);
    for (const [id, resource] of retained) {
      const [key] = Object.entries(outputs).find(([, o]) => JSON.stringify(o.Value) === JSON.stringify({ Ref: id })) ?? [];
      expect(key, `an output names the retained ${id}`).toBeDefined();
      const remove = DELETE_BY_TYPE[String(resource.Type)];
      expect(remove, `teardown.sh knows how to delete a ${resource.Type}`).toBeDefined();
      const lookup = run.commands.findIndex((argv) => argv.join(" ").includes(`OutputKey=='${key}'`));
      expect(lookup, `reads ${key}`).toBeGreaterThanOrEqual(0);
      expect(lookup).toBeLessThan(stackDeleted);
      expect(after(remove!(`value-of-${key}`)), `deletes ${id}`).toBeGreaterThan(stackDeleted);
    }
  });

  it("without --delete-data deletes only the stack, and names what it keeps", () => {
    const kept = runWithStubbedClis(TEARDOWN, ["--region=eu-west-1", "--stage=test"]);
    expect(kept.commands.filter((argv) => argv[0] === "sam" && argv[1] === "delete")).toHaveLength(1);
    expect(kept.commands.filter((argv) => argv.includes("delete-queue") || argv.includes("delete-table"))).toEqual([]);
    expect(kept.stderr).toMatch(/Kept .*value-of-OrdersTableName.*value-of-DeadLetterQueueUrl.*value-of-CleanupFailureQueueUrl/);
  });
});
