import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineApp, stream } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bicepProblems, gcloudProblems, samProblems, type JsonObject } from "../src/checks/index.js";

const app = defineApp({ name: "shop", functions: { ship: stream("shipments", () => async () => {}) } });
const deployDir = join(dirname(fileURLToPath(import.meta.url)), "../../deploy");

const sam = (edit: (mapping: JsonObject, fn: JsonObject) => void = () => {}) => {
  const template = parse(`
Resources:
  Shipments: { Type: AWS::Kinesis::Stream }
  DeadLetters: { Type: AWS::SQS::Queue }
  Ship:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../apps/shop/dist/aws/ship
      Environment: { Variables: { SKYPORT_STREAM_DEAD_LETTERS: { Ref: DeadLetters } } }
      Events:
        Records:
          Type: Kinesis
          Properties:
            Stream: { Fn::GetAtt: [Shipments, Arn] }
            StartingPosition: TRIM_HORIZON
            FunctionResponseTypes: [ReportBatchItemFailures]
            BisectBatchOnFunctionError: true
            MaximumRetryAttempts: 10
            MaximumRecordAgeInSeconds: 86400
            DestinationConfig: { OnFailure: { Type: SQS, Destination: { Fn::GetAtt: [DeadLetters, Arn] } } }
`) as JsonObject;
  const fn = (template.Resources as Record<string, JsonObject>).Ship!.Properties as JsonObject;
  edit(((fn.Events as JsonObject).Records as JsonObject).Properties as JsonObject, fn);
  return template;
};

describe("a stream function's Kinesis mapping (SAM)", () => {
  it("passes with per-record failures, bisection, bounded retries and age, and one dead-letter queue", () => {
    expect(samProblems(app, sam())).toEqual([]);
  });

  it("names each missing setting", () => {
    const problems = samProblems(
      app,
      sam((mapping, fn) => {
        mapping.FunctionResponseTypes = [];
        delete mapping.BisectBatchOnFunctionError;
        mapping.MaximumRetryAttempts = -1;
        mapping.MaximumRecordAgeInSeconds = -1;
        delete mapping.DestinationConfig;
        delete fn.Environment;
      }),
    );
    expect(problems.map((p) => p.replace(/^Ship \(function ship\): /, ""))).toEqual([
      "its Kinesis event has no FunctionResponseTypes [ReportBatchItemFailures]",
      "its Kinesis event does not set BisectBatchOnFunctionError",
      "its Kinesis event has no bounded MaximumRetryAttempts",
      "its Kinesis event has no bounded MaximumRecordAgeInSeconds",
      "its Kinesis event has no DestinationConfig.OnFailure for the batches that fail every retry",
      "no SKYPORT_STREAM_DEAD_LETTERS names the queue for its poison records",
    ]);
  });

  it("names a dead-letter setting and an on-failure destination that are not one queue, and a stream that is not Kinesis", () => {
    const problems = samProblems(
      app,
      sam((mapping, fn) => {
        mapping.Stream = { "Fn::GetAtt": ["DeadLetters", "Arn"] };
        ((fn.Environment as JsonObject).Variables as JsonObject).SKYPORT_STREAM_DEAD_LETTERS = { Ref: "Shipments" };
      }),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("reads DeadLetters, which is not an AWS::Kinesis::Stream");
    expect(problems[1]).toContain("are not one queue");
  });
});

describe("a stream function on Google Cloud (gcloud)", () => {
  const deploy =
    "gcloud functions deploy skyport-ship --source=dist/gcp/ship --entry-point=ship --trigger-http --set-env-vars=SKYPORT_STREAM_DEAD_LETTERS=dead";
  const subscription = "gcloud pubsub subscriptions create s --push-endpoint=$URL --enable-message-ordering --dead-letter-topic=dead --max-delivery-attempts=5";

  it("passes with an ordered push subscription with a dead-letter topic and bounded attempts", () => {
    expect(gcloudProblems(app, `${deploy}\n${subscription}\n`)).toEqual([]);
  });

  it("names an unordered subscription, one without a dead-letter topic, and a function without its dead-letter topic", () => {
    const problems = gcloudProblems(
      app,
      `${deploy.replace(/ --set-env-vars=\S+/, "")}\n${subscription.replace(/ --enable-message-ordering| --dead-letter-topic=\S+/g, "")}\n`,
    );
    expect(problems).toEqual([
      "function ship: no SKYPORT_STREAM_DEAD_LETTERS names the dead-letter topic for its poison records",
      "function ship (stream): the script has no ordered subscription (--enable-message-ordering)",
      "function ship (stream): the script has no dead-letter topic on its subscription",
    ]);
  });
});

describe("a stream function on Azure (Bicep)", () => {
  const bicep = `var stream = 'shipments'
resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  name: stream
}
resource group 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  name: 'ship'
}
resource poison 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  name: '\${stream}-stream-poison'
}
        { name: 'SKYPORT_STREAM_SHIPMENTS', value: stream }
`;

  it("passes with the event hub its setting names, a consumer group named after the function, and the poison queue", () => {
    expect(bicepProblems(app, bicep)).toEqual([]);
  });

  it("names a missing consumer group and poison queue, and a setting that names no event hub", () => {
    const broken = bicep.replace("name: 'ship'", "name: '$Default'").replace("-stream-poison", "-poison").replace("value: stream }", "value: 'other' }");
    expect(bicepProblems(app, broken)).toEqual([
      "stream shipments: SKYPORT_STREAM_SHIPMENTS names event hub other, which the template does not create",
      "function ship: no consumer group ship on the shipments event hub",
      "stream shipments: no shipments-stream-poison queue for the records the function gives up on",
    ]);
  });

  it("finds all three in deploy/azure/main.bicep", () => {
    expect(bicepProblems(app, readFileSync(join(deployDir, "azure/main.bicep"), "utf8"))).toEqual([]);
  });
});
