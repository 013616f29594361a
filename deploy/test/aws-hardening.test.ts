import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readTemplate, type Json, type JsonObject } from "../aws/verify/cloudformation-yaml.js";

// Issue 15's hardening of deploy/aws/template.yaml: what scanners and operators expect.
const template = readTemplate(join(dirname(fileURLToPath(import.meta.url)), "../aws/template.yaml"));
const resources = template.Resources as Record<string, JsonObject>;
const props = (id: string) => (resources[id]?.Properties ?? {}) as JsonObject;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalId = (value: Json | undefined): string | undefined => {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if ("Ref" in value) return String(value.Ref);
    if ("Fn::GetAtt" in value) return String((value["Fn::GetAtt"] as string[])[0]);
  }
  return undefined;
};

/** Every queue where a message goes when nothing more will be tried: redrive targets and on-failure destinations. */
function deadLetterQueues(): string[] {
  const targets = new Set<string>();
  for (const [, queue] of ofType("AWS::SQS::Queue")) {
    const redrive = (queue.Properties as JsonObject | undefined)?.RedrivePolicy as JsonObject | undefined;
    if (redrive) targets.add(logicalId(redrive.deadLetterTargetArn)!);
  }
  for (const [, fn] of ofType("AWS::Serverless::Function")) {
    const onFailure = (((fn.Properties as JsonObject).EventInvokeConfig as JsonObject | undefined)?.DestinationConfig as JsonObject | undefined)?.OnFailure as
      | JsonObject
      | undefined;
    if (onFailure) targets.add(logicalId(onFailure.Destination)!);
    // A stream event source mapping's on-failure destination (the outbox's DynamoDB stream, the ship function's Kinesis stream).
    for (const event of Object.values(((fn.Properties as JsonObject).Events as JsonObject | undefined) ?? {})) {
      const destination = (
        (((event as JsonObject).Properties as JsonObject | undefined)?.DestinationConfig as JsonObject | undefined)?.OnFailure as JsonObject | undefined
      )?.Destination;
      if (destination) targets.add(logicalId(destination)!);
    }
  }
  return [...targets].sort();
}

describe("the SAM template: dead letters are noticed and kept", () => {
  it("finds the orders dead-letter queue, the cleanup's and the import's failure queues, and the outbox's and the shipments' stream failure queues", () => {
    expect(deadLetterQueues()).toEqual([
      "CleanupFailureQueue",
      "ImportFailureQueue",
      "OrdersDeadLetterQueue",
      "OutboxFailureQueue",
      "ShipmentsDeadLetterQueue",
    ]);
  });

  it("has a CloudWatch alarm on every dead-letter queue that fires on its first message and tells the alarm topic", () => {
    const alarms = ofType("AWS::CloudWatch::Alarm").map(([, alarm]) => alarm.Properties as JsonObject);
    for (const queue of deadLetterQueues()) {
      const watching = alarms.filter((alarm) =>
        (alarm.Dimensions as JsonObject[] | undefined)?.some(
          (d) => d.Name === "QueueName" && JSON.stringify(d.Value) === JSON.stringify({ "Fn::GetAtt": [queue, "QueueName"] }),
        ),
      );
      expect(watching, `an alarm on ${queue}`).toHaveLength(1);
      expect(watching[0]).toMatchObject({
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        TreatMissingData: "notBreaching",
      });
      expect(watching[0]!.AlarmActions).toEqual([{ Ref: "AlarmTopic" }]);
    }
    expect(resources.AlarmTopic?.Type).toBe("AWS::SNS::Topic");
    expect(resources.AlarmEmailSubscription).toMatchObject({
      Type: "AWS::SNS::Subscription",
      Condition: "HasAlarmEmail",
      Properties: { TopicArn: { Ref: "AlarmTopic" }, Protocol: "email", Endpoint: { Ref: "AlarmEmail" } },
    });
  });

  it("retains every dead-letter queue when the stack is deleted or the queue replaced", () => {
    for (const queue of deadLetterQueues()) expect(resources[queue], queue).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });
});

describe("the SAM template: the HTTP API and the cleanup", () => {
  it("writes the HTTP API's access logs to a log group of its own, with the retention of the others", () => {
    const settings = props("OrdersApi").AccessLogSettings as JsonObject;
    expect(settings.DestinationArn).toEqual({ "Fn::GetAtt": ["ApiAccessLogGroup", "Arn"] });
    expect(props("ApiAccessLogGroup").RetentionInDays).toEqual({ Ref: "LogRetentionDays" });
    const format = JSON.parse(String(settings.Format)) as Record<string, string>;
    expect(Object.values(format)).toEqual(
      expect.arrayContaining(["$context.requestId", "$context.routeKey", "$context.status", "$context.identity.sourceIp", "$context.integrationErrorMessage"]),
    );
  });

  it("runs one cleanup at a time, retries a failed run a bounded number of times, then records it", () => {
    const cleanup = props("CleanupFunction");
    expect(cleanup.ReservedConcurrentExecutions).toBe(1);
    const config = cleanup.EventInvokeConfig as JsonObject;
    expect(Number(config.MaximumRetryAttempts)).toBeGreaterThanOrEqual(1);
    expect(Number(config.MaximumRetryAttempts)).toBeLessThanOrEqual(2);
    // A retry older than the schedule's period would overlap the next run.
    expect(Number(config.MaximumEventAgeInSeconds)).toBeLessThanOrEqual(3600);
    expect(config.DestinationConfig).toEqual({ OnFailure: { Type: "SQS", Destination: { "Fn::GetAtt": ["CleanupFailureQueue", "Arn"] } } });
  });
});

describe("the SAM template: stages", () => {
  const NAME_PROPERTIES = ["FunctionName", "LogGroupName", "AlarmName", "QueueName", "TopicName", "TableName", "Name", "RoleName"];

  it("takes a Stage parameter of lower-case letters, digits and hyphens", () => {
    const stage = (template.Parameters as JsonObject).Stage as JsonObject;
    expect(stage).toMatchObject({ Type: "String", Default: "dev" });
    expect(new RegExp(String(stage.AllowedPattern)).test("prod")).toBe(true);
    expect(new RegExp(String(stage.AllowedPattern)).test("Prod_1")).toBe(false);
  });

  it("makes every fixed name from the stack name (skyport-orders-<stage>), so two stages coexist in an account", () => {
    const named = Object.entries(resources).flatMap(([id, r]) =>
      NAME_PROPERTIES.filter((key) => key in ((r.Properties ?? {}) as JsonObject)).map(
        (key) => [`${id}.${key}`, ((r.Properties as JsonObject)[key] as JsonObject)["Fn::Sub"]] as const,
      ),
    );
    expect(named.length).toBeGreaterThanOrEqual(6);
    for (const [where, sub] of named) expect(sub, where).toMatch(/\$\{AWS::StackName\}/);
  });

  it("tags every function, queue, table and topic with its stage", () => {
    const tagged = (id: string) => {
      const tags = props(id).Tags as Json;
      return Array.isArray(tags)
        ? tags.some((t) => JSON.stringify(t) === JSON.stringify({ Key: "skyport:stage", Value: { Ref: "Stage" } }))
        : JSON.stringify((tags as JsonObject | undefined)?.["skyport:stage"]) === JSON.stringify({ Ref: "Stage" });
    };
    expect(((template.Globals as JsonObject).Function as JsonObject).Tags).toEqual({ "skyport:stage": { Ref: "Stage" } });
    for (const type of ["AWS::SQS::Queue", "AWS::DynamoDB::Table", "AWS::SNS::Topic", "AWS::Serverless::HttpApi"]) {
      for (const [id] of ofType(type)) expect(tagged(id), id).toBe(true);
    }
  });
});
