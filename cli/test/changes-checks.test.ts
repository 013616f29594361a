import { changes, defineApp } from "@skyport/core";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { bicepProblems, gcloudProblems, samProblems, type JsonObject } from "../src/checks/index.js";

// An app with one changes function: what each template owes it.
const app = defineApp({ name: "shop", functions: { outbox: changes("orders", () => async () => {}) } });

const sam = (edit: (outbox: JsonObject, table: JsonObject) => void = () => {}) => {
  const template = parse(`
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties: { StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES } }
  Failures: { Type: AWS::SQS::Queue }
  Outbox:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../apps/shop/dist/aws/outbox
      Events:
        Changes:
          Type: DynamoDB
          Properties:
            Stream: { Fn::GetAtt: [Orders, StreamArn] }
            StartingPosition: TRIM_HORIZON
            FunctionResponseTypes: [ReportBatchItemFailures]
            BisectBatchOnFunctionError: true
            MaximumRetryAttempts: 10
            MaximumRecordAgeInSeconds: 86400
            DestinationConfig: { OnFailure: { Type: SQS, Destination: { Fn::GetAtt: [Failures, Arn] } } }
`) as JsonObject;
  const resources = template.Resources as Record<string, JsonObject>;
  const event = ((resources.Outbox!.Properties as JsonObject).Events as Record<string, JsonObject>).Changes!.Properties as JsonObject;
  edit(event, resources.Orders!.Properties as JsonObject);
  return template;
};

describe("the template checks for a changes function", () => {
  it("pass a SAM template whose DynamoDB event reports batch item failures, bisects, bounds retries and record age, and keeps what fails", () => {
    expect(samProblems(app, sam())).toEqual([]);
  });

  it("name every way a SAM template could drop a change silently", () => {
    const problems = samProblems(
      app,
      sam((event, table) => {
        delete event.FunctionResponseTypes;
        delete event.BisectBatchOnFunctionError;
        delete event.MaximumRetryAttempts;
        event.MaximumRecordAgeInSeconds = -1;
        delete event.DestinationConfig;
        table.StreamSpecification = { StreamViewType: "KEYS_ONLY" };
      }),
    );
    expect(problems).toEqual([
      "Outbox (function outbox): the stream of Orders is not NEW_AND_OLD_IMAGES",
      "Outbox (function outbox): its DynamoDB event has no FunctionResponseTypes [ReportBatchItemFailures]",
      "Outbox (function outbox): its DynamoDB event does not set BisectBatchOnFunctionError",
      "Outbox (function outbox): its DynamoDB event has no bounded MaximumRetryAttempts",
      "Outbox (function outbox): its DynamoDB event has no bounded MaximumRecordAgeInSeconds",
      "Outbox (function outbox): its DynamoDB event has no DestinationConfig.OnFailure for the batches that fail every retry",
    ]);
  });

  it("want a Firestore document trigger from the deploy script", () => {
    const deploy = (flags: string) => `gcloud functions deploy outbox --source=dist/gcp/outbox --entry-point=outbox ${flags}\n`;
    expect(gcloudProblems(app, deploy("--trigger-event-filters=type=google.cloud.firestore.document.v1.created --retry"))).toEqual([]);
    expect(gcloudProblems(app, deploy("--trigger-http"))).toEqual([expect.stringMatching(/^function outbox is deployed without the changes trigger/)]);
  });

  it("want the container, the lease container, the trigger's connection and the dead-letter queue from the Bicep template", () => {
    const bicep = `var collection = 'orders'
resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: '\${collection}-changes-poison'
}
resource orders 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: 'orders'
}
resource leases 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: 'leases'
}
        { name: 'SKYPORT_COSMOS__accountEndpoint', value: cosmos.properties.documentEndpoint }
`;
    expect(bicepProblems(app, bicep)).toEqual([]);
    expect(bicepProblems(app, bicep.replace("name: 'leases'", "name: 'checkpoints'").replace("-changes-poison", "-dead"))).toEqual([
      "changes orders: no Cosmos DB container leases for its trigger's checkpoints",
      "changes orders: no orders-changes-poison queue for the changes that still fail",
    ]);
  });
});
