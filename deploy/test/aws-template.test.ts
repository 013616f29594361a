import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { idempotencyCollection } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { tableDefinition } from "@skyport/dynamodb";
import { describe, expect, it } from "vitest";
import { readTemplate, type Json, type JsonObject } from "../aws/verify/cloudformation-yaml.js";
import { EC2_ACTIONS_WITHOUT_RESOURCES, permissionStatements, resourceText, VPC_NETWORK_PATTERN, type Statement } from "../aws/verify/iam.js";

const awsDir = join(dirname(fileURLToPath(import.meta.url)), "../aws");
const template = readTemplate(join(awsDir, "template.yaml"));
const resources = template.Resources as Record<string, JsonObject>;
const globals = ((template.Globals as JsonObject).Function ?? {}) as JsonObject;
const props = (id: string) => {
  const resource = resources[id];
  if (!resource) throw new Error(`template.yaml has no resource ${id}`);
  return resource.Properties as JsonObject;
};
const ref = (id: string) => ({ Ref: id });
const arn = (id: string) => ({ "Fn::GetAtt": [id, "Arn"] });
/** The order app's functions (apps/orders/src/app.ts) and the template resources that deploy them. */
const FUNCTIONS = { api: "HttpFunction", confirm: "QueueFunction", cleanup: "CleanupFunction", outbox: "OutboxFunction", import: "ImportFunction" } as const;
const statements = permissionStatements(resources);
const sorted = (values: string[]) => [...values].sort();

describe("the SAM template: functions", () => {
  it("runs every function on nodejs22.x, arm64, as index.handler of its bundle folder", () => {
    expect(globals).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], Handler: "index.handler" });
    for (const [name, id] of Object.entries(FUNCTIONS)) {
      const p = props(id);
      expect(resources[id]!.Type).toBe("AWS::Serverless::Function");
      expect(relative(resolve(awsDir, "../.."), resolve(awsDir, String(p.CodeUri)))).toBe(`apps/orders/dist/aws/${name}`);
      for (const key of ["Runtime", "Architectures", "Handler"]) expect(p[key], `${id}.${key} is set once, in Globals`).toBeUndefined();
    }
  });

  it("configures every function for DynamoDB from the environment (the keys' table where used), and only the outbox function with the queue", () => {
    expect((globals.Environment as JsonObject).Variables).toEqual({
      SKYPORT_STORE: "dynamodb",
      SKYPORT_COLLECTION_ORDERS: ref("OrdersTable"),
      SKYPORT_RETENTION_DAYS: ref("RetentionDays"),
      SKYPORT_LOG_LEVEL: ref("LogLevel"),
    });
    const variables = (id: string) => ((props(id).Environment as JsonObject | undefined)?.Variables ?? {}) as JsonObject;
    for (const id of Object.values(FUNCTIONS)) {
      const uses = id === "HttpFunction" || id === "ImportFunction";
      expect(variables(id).SKYPORT_COLLECTION_IDEMPOTENCY_KEYS, id).toEqual(uses ? ref("IdempotencyKeysTable") : undefined);
    }
    expect(((props("OutboxFunction").Environment as JsonObject).Variables as JsonObject).SKYPORT_TOPIC_ORDERS).toEqual(ref("OrdersQueue"));
    expect(((props("HttpFunction").Environment as JsonObject).Variables as JsonObject).SKYPORT_TOPIC_ORDERS).toBeUndefined();
    // Their only settings: the order cache's, off unless CacheSubnetIds is given.
    for (const id of ["QueueFunction", "CleanupFunction"])
      expect(Object.keys(variables(id)), id).toEqual(["SKYPORT_CACHE", "SKYPORT_REDIS_URL", "SKYPORT_REDIS_AUTH", "SKYPORT_REDIS_CACHE_NAME"]);
    // The order cache's default user says it has no password (NoPasswordRequired), which is no secret.
    expect(JSON.stringify(template).replaceAll('"NoPasswordRequired":true', "")).not.toMatch(/SECRET|PASSWORD|ACCESS_KEY|_KEY"|CONNECTION_STRING/i);
  });

  it("routes every request of API.md to the HTTP function, and everything else too ($default)", () => {
    const events = Object.values(props("HttpFunction").Events as Record<string, JsonObject>);
    for (const event of events) expect(event).toMatchObject({ Type: "HttpApi", Properties: { ApiId: ref("OrdersApi") } });
    const routes = events
      .map((e) => e.Properties as JsonObject)
      .map((p) => (p.Path === undefined && p.Method === undefined ? "$default" : `${p.Method} ${p.Path}`));
    expect(sorted(routes)).toEqual(
      sorted(["GET /health", "POST /orders", "GET /orders", "GET /orders/{id}", "PATCH /orders/{id}", "DELETE /orders/{id}", "$default"]),
    );
    expect(resources.OrdersApi!.Type).toBe("AWS::Serverless::HttpApi");
    // Payload 2.0 (SAM's default for HTTP APIs), $default stage: no stage in front of the path.
    expect(props("OrdersApi").StageName).toBeUndefined();
    expect(JSON.stringify(props("HttpFunction").Events)).not.toContain("PayloadFormatVersion");
  });

  it("feeds the queue function from the orders queue with partial batch responses", () => {
    const [event] = Object.values(props("QueueFunction").Events as Record<string, JsonObject>);
    expect(event).toMatchObject({ Type: "SQS", Properties: { Queue: arn("OrdersQueue"), FunctionResponseTypes: ["ReportBatchItemFailures"] } });
    expect(Number((event!.Properties as JsonObject).BatchSize)).toBeLessThanOrEqual(10);
  });

  it("fires the cleanup on a schedule", () => {
    const [event] = Object.values(props("CleanupFunction").Events as Record<string, JsonObject>);
    expect(event).toMatchObject({ Type: "Schedule", Properties: { Schedule: ref("CleanupSchedule") } });
    expect((template.Parameters as JsonObject).CleanupSchedule).toMatchObject({ Default: expect.stringMatching(/^(rate|cron)\(/) });
  });
});

describe("the SAM template: tables and queues", () => {
  const byName = <T extends { IndexName?: string; AttributeName?: string }>(items: readonly T[] | undefined) =>
    [...(items ?? [])].sort((a, b) => String(a.IndexName ?? a.AttributeName).localeCompare(String(b.IndexName ?? b.AttributeName)));
  const TABLES = { OrdersTable: ordersCollection, IdempotencyKeysTable: idempotencyCollection } as const;

  for (const [id, declaration] of Object.entries(TABLES)) {
    it(`declares ${id} exactly as tableDefinition of the ${declaration.name} collection, on demand, with point-in-time recovery, kept`, () => {
      const table = props(id);
      const { createTable, timeToLive } = tableDefinition(declaration, "any");
      expect(table.BillingMode).toBe(createTable.BillingMode);
      expect(table.KeySchema).toEqual(createTable.KeySchema);
      expect(byName(table.AttributeDefinitions as never[])).toEqual(byName(createTable.AttributeDefinitions));
      expect(byName(table.GlobalSecondaryIndexes as never[])).toEqual(byName(createTable.GlobalSecondaryIndexes));
      expect(table.TimeToLiveSpecification).toEqual(timeToLive);
      expect(table.StreamSpecification).toEqual({ StreamViewType: createTable.StreamSpecification!.StreamViewType });
      expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.TableName, "named by the stack: SKYPORT_COLLECTION_<NAME> gives the functions its name").toBeUndefined();
      expect(resources[id]).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
    });
  }

  it("declares no other table: one per collection", () => {
    expect(sorted(Object.keys(resources).filter((id) => resources[id]!.Type === "AWS::DynamoDB::Table"))).toEqual(sorted(Object.keys(TABLES)));
  });

  it("feeds the outbox function from the orders table's stream, new orders only", () => {
    const [event] = Object.values(props("OutboxFunction").Events as Record<string, JsonObject>);
    expect(event).toMatchObject({
      Type: "DynamoDB",
      Properties: {
        Stream: { "Fn::GetAtt": ["OrdersTable", "StreamArn"] },
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ["INSERT"] }) }] },
      },
    });
  });

  it("moves a message to the dead-letter queue after a few receives, and hides it long enough for retries", () => {
    const queue = props("OrdersQueue");
    expect(queue.RedrivePolicy).toMatchObject({ deadLetterTargetArn: arn("OrdersDeadLetterQueue"), maxReceiveCount: expect.any(Number) });
    const receives = Number((queue.RedrivePolicy as JsonObject).maxReceiveCount);
    expect(receives).toBeGreaterThanOrEqual(3);
    expect(receives).toBeLessThanOrEqual(10);
    expect(Number(queue.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * Number(props("QueueFunction").Timeout));
  });
});

describe("the SAM template: least privilege", () => {
  const sourcesOf = (role: string) => statements.filter((s) => s.source.startsWith(`${role}/`));
  const grants = (role: string) =>
    sourcesOf(role)
      .filter((s) => s.sid !== "WriteLogs")
      .map((s) => ({ actions: sorted(s.actions), resources: s.resources, ...(s.condition ? { condition: s.condition } : {}) }));
  const index = (name: string) => ({ "Fn::Sub": `\${OrdersTable.Arn}/index/${name}` });

  const LOG_STREAMS = /^arn:\$\{AWS::Partition\}:logs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:log-group:\$\{\w+LogGroup\}:log-stream:\*$/;
  const BUCKET_PREFIXES = /^arn:\$\{AWS::Partition\}:s3:::\$\{AWS::StackName\}-imports-\$\{AWS::AccountId\}-\$\{AWS::Region\}\/(imports|reports)\/\*$/;
  it("grants no wildcard action and no wildcard resource, but what EC2 allows no narrower", () => {
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.effect, statement.source).toBe("Allow");
      for (const action of statement.actions) expect(action, statement.source).not.toContain("*");
      for (const resource of statement.resources) {
        const text = resourceText(resource);
        // "*" only for the EC2 actions that take no resource (the order cache's functions in a VPC).
        if (text === "*") expect(EC2_ACTIONS_WITHOUT_RESOURCES, statement.source).toEqual(expect.arrayContaining(statement.actions));
        // Three patterns: the log streams of the function's own log group, named before they exist, the objects under
        // one prefix of the import bucket (imports/ read, reports/ written), and the network interfaces Lambda makes in the cache's VPC.
        else if (text.includes("*")) {
          expect(text, statement.source).toMatch(new RegExp(`${LOG_STREAMS.source}|${BUCKET_PREFIXES.source}|${VPC_NETWORK_PATTERN.source}`));
          if (VPC_NETWORK_PATTERN.test(text)) expect(JSON.stringify(statement.condition), statement.source).toContain("vpc/${CacheVpcId}");
        }
      }
    }
  });

  it("uses its own roles only: no managed policies, no SAM policy templates", () => {
    for (const [name, id] of Object.entries(FUNCTIONS)) {
      const role = `${id}Role`;
      expect(props(id).Role, name).toEqual(arn(role));
      expect(props(id).Policies, name).toBeUndefined();
      expect(props(role).ManagedPolicyArns, role).toBeUndefined();
      expect(props(role).AssumeRolePolicyDocument).toMatchObject({
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      });
    }
    expect(Object.values(resources).filter((r) => r.Type === "AWS::IAM::Role")).toHaveLength(6);
  });

  it("lets each function write only its own log group", () => {
    for (const id of Object.values(FUNCTIONS)) {
      const logs = sourcesOf(`${id}Role`).filter((s: Statement) => s.sid === "WriteLogs");
      expect(logs).toHaveLength(1);
      expect(sorted(logs[0]!.actions)).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
      expect(resourceText(logs[0]!.resources[0]!)).toContain(`\${${id}LogGroup}`);
      expect((props(id).LoggingConfig as JsonObject).LogGroup).toEqual(ref(`${id}LogGroup`));
    }
  });

  it("HTTP function: orders and a customer's index, the idempotency keys; no queue (the outbox publishes)", () => {
    expect(grants("HttpFunctionRole")).toEqual([
      { actions: ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem"], resources: [arn("OrdersTable")] },
      { actions: ["dynamodb:Query"], resources: [index("by-customer")] },
      { actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [arn("IdempotencyKeysTable")] },
    ]);
  });

  it("outbox function: the table's stream only (no item), sending to the orders queue, and recording a failed batch", () => {
    expect(grants("OutboxFunctionRole")).toEqual([
      {
        actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
        resources: [{ "Fn::GetAtt": ["OrdersTable", "StreamArn"] }],
      },
      { actions: ["sqs:SendMessage"], resources: [arn("OrdersQueue")] },
      { actions: ["sqs:SendMessage"], resources: [arn("OutboxFailureQueue")] },
    ]);
  });

  it("queue function: reading and rewriting orders (not idempotency keys), and receiving from the orders queue", () => {
    expect(grants("QueueFunctionRole")).toEqual([
      { actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [arn("OrdersTable")] },
      { actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], resources: [arn("OrdersQueue")] },
    ]);
  });

  it("cleanup function: the status index, deleting orders on the version read, and recording a failed run in its failure queue", () => {
    expect(grants("CleanupFunctionRole")).toEqual([
      { actions: ["dynamodb:Query"], resources: [index("by-status")] },
      { actions: ["dynamodb:DeleteItem", "dynamodb:GetItem"], resources: [arn("OrdersTable")] },
      { actions: ["sqs:SendMessage"], resources: [arn("CleanupFailureQueue")] },
    ]);
  });

  it("ship and import functions: orders, and the import's idempotency keys (POST /orders' own path); no other table", () => {
    const tableGrants = (role: string) => grants(role).filter((grant) => grant.actions.every((action) => action.startsWith("dynamodb:")));
    expect(tableGrants("ShipFunctionRole")).toEqual([{ actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [arn("OrdersTable")] }]);
    expect(tableGrants("ImportFunctionRole")).toEqual([
      { actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [arn("OrdersTable")] },
      { actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [arn("IdempotencyKeysTable")] },
    ]);
  });
});

describe("the SAM template: outputs", () => {
  it("gives the API's base URL for the deployed contract run", () => {
    const outputs = template.Outputs as Record<string, JsonObject>;
    expect(outputs.ApiUrl!.Value).toEqual({ "Fn::Sub": "https://${OrdersApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}" } satisfies Json);
  });
});
