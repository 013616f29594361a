import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readTemplate, type JsonObject } from "../aws/verify/cloudformation-yaml.js";
import { EC2_ACTIONS_WITHOUT_RESOURCES, permissionStatements, VPC_NETWORK_PATTERN } from "../aws/verify/iam.js";
import { Expression, parseBicep, type BicepObject, type BicepValue } from "../azure/verify/bicep-template.js";
import { dryRun, recordCommands } from "../gcp/verify/dry-run.js";

// One policy for all three clouds (SECURITY.md): no wildcard, no role broader than the function
// needs, no secret in configuration, nothing public that need not be, a dead letter for every queue.
const here = dirname(fileURLToPath(import.meta.url));
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|ACCESS_KEY|ACCOUNT_?KEY|_KEY$|CONNECTION_?STRING|CREDENTIAL|SAS/i;

describe("AWS template (deploy/aws/template.yaml)", () => {
  const template = readTemplate(join(here, "../aws/template.yaml"));
  const resources = template.Resources as Record<string, JsonObject>;
  const statements = permissionStatements(resources);

  it("grants no wildcard action or resource (but a log group's own streams, and what EC2 allows no narrower)", () => {
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements.filter((s) => s.effect === "Allow" && !s.actions.includes("sts:AssumeRole"))) {
      for (const action of s.actions) expect(action, s.source).not.toContain("*");
      for (const resource of s.resources) {
        const text = JSON.stringify(resource);
        // "*" only for the actions AWS documents as taking no resource.
        if (text === '"*"') expect(EC2_ACTIONS_WITHOUT_RESOURCES, s.source).toEqual(expect.arrayContaining(s.actions));
        // A log group's own streams, the objects under one prefix of the import bucket, or (the order cache) network
        // interfaces Lambda makes and the subnets it makes them in, whose ids no template knows, held to the cache's VPC.
        else if (text.includes("*")) {
          expect(text, s.source).toMatch(
            new RegExp(`log-stream:\\*"|-imports-\\$\\{AWS::AccountId\\}-\\$\\{AWS::Region\\}\\/(imports|reports)\\/\\*"|${VPC_NETWORK_PATTERN.source}`),
          );
          if (VPC_NETWORK_PATTERN.test(text)) expect(JSON.stringify(s.condition), s.source).toContain("vpc/${CacheVpcId}");
        }
      }
    }
  });

  it("gives the order cache's network actions and its sign-in, with the cache on only, to the roles of the functions that read or write orders", () => {
    const cachePolicies = Object.entries(resources).filter(([, r]) => r.Type === "AWS::IAM::Policy");
    expect(cachePolicies.map(([id, r]) => [id, r.Condition]).sort()).toEqual([
      ["OrdersCacheConnectPolicy", "CacheOn"],
      ["OrdersCacheNetworkPolicy", "CacheOn"],
    ]);
    for (const [id, policy] of cachePolicies) {
      const roles = ((policy.Properties as JsonObject).Roles as JsonObject[]).map((role) => role.Ref);
      expect(roles, id).toEqual(["HttpFunctionRole", "QueueFunctionRole", "CleanupFunctionRole", "ShipFunctionRole", "ImportFunctionRole"]);
    }
    const actions = statements.filter((s) => s.source.startsWith("OrdersCacheNetworkPolicy/")).flatMap((s) => s.actions);
    expect(actions.sort()).toEqual([
      "ec2:AssignPrivateIpAddresses",
      "ec2:CreateNetworkInterface",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:UnassignPrivateIpAddresses",
    ]);
  });

  it("lets those functions sign in to the order cache as its IAM-mode user and no other, on that cache and no other", () => {
    const connects = statements.filter((s) => s.actions.some((action) => action.startsWith("elasticache:")));
    expect(connects.map((s) => [s.source, s.actions, s.resources])).toEqual([
      [
        "OrdersCacheConnectPolicy/orders-cache-connect/SignInToTheOrderCache",
        ["elasticache:Connect"],
        [{ "Fn::GetAtt": ["OrdersCache", "ARN"] }, { "Fn::GetAtt": ["OrdersCacheUser", "Arn"] }],
      ],
    ]);
  });

  it("gives each function's role only the actions its code calls", () => {
    const needs: Record<string, string[]> = {
      http: ["logs:CreateLogStream", "logs:PutLogEvents", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"],
      outbox: [
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:ListStreams",
        "sqs:SendMessage",
      ],
      queue: [
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
      ],
      cleanup: ["logs:CreateLogStream", "logs:PutLogEvents", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:DeleteItem", "sqs:SendMessage"],
      ship: [
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
        "sqs:SendMessage",
      ],
      import: ["logs:CreateLogStream", "logs:PutLogEvents", "s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "dynamodb:PutItem", "sqs:SendMessage"],
    };
    const roles = Object.entries(resources).filter(([, r]) => r.Type === "AWS::IAM::Role");
    expect(roles).toHaveLength(6);
    for (const [id, role] of roles) {
      expect((role.Properties as JsonObject).ManagedPolicyArns, `${id} takes no managed policy`).toBeUndefined();
      const fn = Object.keys(needs).find((name) => id.toLowerCase().startsWith(name))!;
      expect(fn, `${id} belongs to a known function`).toBeDefined();
      const granted = statements.filter((s) => s.source.startsWith(`${id}/`) && s.effect === "Allow").flatMap((s) => s.actions);
      for (const action of granted) expect(needs[fn], `${id} may not ${action}`).toContain(action);
    }
  });

  it("puts no secret in environment variables", () => {
    const variables = [template.Globals, ...Object.values(resources)].flatMap((r) => {
      const env = ((r as JsonObject | undefined)?.Function ?? (r as JsonObject | undefined)?.Properties) as JsonObject | undefined;
      return Object.keys(((env?.Environment as JsonObject | undefined)?.Variables as JsonObject | undefined) ?? {});
    });
    expect(variables).toContain("SKYPORT_COLLECTION_ORDERS");
    for (const name of variables) expect(name).not.toMatch(SECRET_NAME);
  });

  it("sends every queue that feeds a function to a dead-letter queue", () => {
    const queues = Object.entries(resources).filter(([, r]) => r.Type === "AWS::SQS::Queue");
    const fed = queues.filter(([, q]) => (q.Properties as JsonObject).RedrivePolicy !== undefined);
    expect(fed.length).toBeGreaterThan(0);
    for (const [, q] of fed) expect(JSON.stringify((q.Properties as JsonObject).RedrivePolicy)).toMatch(/deadLetterTargetArn/);
    // Every other queue is where something lands for good: a redrive target or a function's on-failure destination.
    const targets = JSON.stringify(
      Object.values(resources).map((r) => [
        (r.Properties as JsonObject | undefined)?.RedrivePolicy,
        (r.Properties as JsonObject | undefined)?.EventInvokeConfig,
        Object.values(((r.Properties as JsonObject | undefined)?.Events as JsonObject | undefined) ?? {}).map(
          (e) => ((e as JsonObject).Properties as JsonObject)?.DestinationConfig,
        ),
      ]),
    );
    for (const [id] of queues.filter((q) => !fed.includes(q))) expect(targets, `${id} is a dead-letter queue`).toContain(`{"Fn::GetAtt":["${id}","Arn"]}`);
  });
});

describe("Google Cloud deployment (deploy/gcp/deploy.sh)", () => {
  const commands = recordCommands(dryRun(["--project=demo-skyport"]), "absent");
  const flag = (argv: string[], name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

  it("binds only the roles the functions use: no owner, editor or admin", () => {
    const roles = commands.map((argv) => flag(argv, "role")).filter((r): r is string => r !== undefined);
    expect(roles).toContain("roles/datastore.user");
    for (const role of roles) {
      expect(role).not.toMatch(/^roles\/(owner|editor|viewer)$|admin/i);
      expect([
        "roles/datastore.user",
        "roles/pubsub.publisher",
        "roles/pubsub.subscriber",
        "roles/eventarc.eventReceiver",
        "roles/run.invoker",
        "roles/iam.serviceAccountTokenCreator",
        // The import's bucket only, each under an IAM condition on a prefix (imports/ read, reports/ written).
        "roles/storage.objectViewer",
        "roles/storage.objectUser",
      ]).toContain(role);
    }
  });

  it("puts no secret in environment variables", () => {
    const names = commands.flatMap((argv) => (flag(argv, "set-env-vars") ?? "").split(/(?<!\\),/).map((pair) => pair.split("=")[0]!)).filter(Boolean);
    expect(names).toContain("SKYPORT_STORE");
    for (const name of names) expect(name).not.toMatch(SECRET_NAME);
  });

  it("lets the public reach only the HTTP function", () => {
    const deploys = commands.filter((argv) => argv.includes("functions") && argv.includes("deploy"));
    expect(deploys).toHaveLength(6);
    for (const argv of deploys) {
      const name = argv[argv.indexOf("deploy") + 1]!;
      const expected = /queue|cleanup|outbox|import|ship/.test(name) ? "--no-allow-unauthenticated" : "--allow-unauthenticated";
      expect(argv, name).toContain(expected);
    }
  });

  it("gives the orders subscription a dead-letter topic with bounded delivery attempts", () => {
    const withDeadLetter = commands.filter((argv) => flag(argv, "dead-letter-topic") !== undefined);
    expect(withDeadLetter.length).toBeGreaterThan(0);
    for (const argv of withDeadLetter) expect(Number(flag(argv, "max-delivery-attempts"))).toBeGreaterThanOrEqual(5);
  });
});

describe("Azure template (deploy/azure/main.bicep)", () => {
  const source = readFileSync(join(here, "../azure/main.bicep"), "utf8");
  const template = parseBicep(source);
  const find = (type: string) => template.resources.filter((r) => r.type === type);
  const text = (value: BicepValue | undefined) => (value instanceof Expression ? value.text : JSON.stringify(value));

  it("reads no key or connection string of any resource", () => {
    expect(source).not.toMatch(/listKeys\(|listConnectionStrings\(|AccountKey=|primaryMasterKey|SharedAccessSignature/);
    for (const storage of find("Microsoft.Storage/storageAccounts")) expect((storage.body.properties as BicepObject).allowSharedKeyAccess).toBe(false);
    for (const cosmos of find("Microsoft.DocumentDB/databaseAccounts")) expect((cosmos.body.properties as BicepObject).disableLocalAuth).toBe(true);
  });

  it("puts no secret in app settings (the Application Insights string is an identifier under Entra auth)", () => {
    const [app] = find("Microsoft.Web/sites");
    const settings = ((app!.body.properties as BicepObject).siteConfig as BicepObject).appSettings as BicepObject[];
    const names = settings.map((s) => s.name as string);
    expect(names).toContain("APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
    for (const name of names.filter((n) => n !== "APPLICATIONINSIGHTS_CONNECTION_STRING")) expect(name).not.toMatch(SECRET_NAME);
  });

  it("assigns data-plane roles only, each scoped to a resource of its own", () => {
    const owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    const contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    const assignments = [...find("Microsoft.Authorization/roleAssignments"), ...find("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments")];
    expect(assignments.length).toBeGreaterThanOrEqual(4);
    for (const a of assignments) {
      expect(a.body.scope ?? (a.body.properties as BicepObject).scope, `${a.symbol} has a scope`).toBeDefined();
      const role = text((a.body.properties as BicepObject).roleDefinitionId);
      expect(role).not.toContain(owner);
      expect(role).not.toContain(contributor);
    }
    expect(source).not.toMatch(new RegExp(`${owner}|${contributor}`));
  });

  it("moves poison messages aside after a bounded number of attempts (host.json)", () => {
    const host = JSON.parse(readFileSync(join(here, "../../apps/orders/host.json"), "utf8"));
    expect(host.extensions.queues.maxDequeueCount).toBeGreaterThanOrEqual(3);
  });
});
