import {
  CreateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TimeToLiveSpecification,
} from "@aws-sdk/client-dynamodb";
import type { JsonObject } from "../../src/checks/index.js";

/**
 * The table a SAM template declares as `logicalId` (its key, indexes and TTL), named `tableName`:
 * what `sam deploy` makes of it, made here on DynamoDB Local.
 */
export async function createTemplateTable(client: DynamoDBClient, template: JsonObject, logicalId: string, tableName: string): Promise<void> {
  const resource = (template.Resources as JsonObject)[logicalId] as { Type: string; Properties: Record<string, unknown> } | undefined;
  if (resource?.Type !== "AWS::DynamoDB::Table") throw new Error(`the template declares no table ${logicalId}`);
  const { BillingMode, AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, TimeToLiveSpecification } = resource.Properties;
  await client.send(
    new CreateTableCommand({ TableName: tableName, BillingMode, AttributeDefinitions, KeySchema, GlobalSecondaryIndexes } as CreateTableCommandInput),
  );
  if (TimeToLiveSpecification)
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: TimeToLiveSpecification as TimeToLiveSpecification }));
}
