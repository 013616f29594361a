import { CreateTableCommand, UpdateTimeToLiveCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { ordersTableDefinition, ordersTableTtl } from "../table.js";
import { dynamoDbLocalClient } from "./local-client.js";

/** Creates the orders table on DynamoDB Local exactly as the SAM template declares it. */
export async function createOrdersTable(endpoint: string, tableName: string): Promise<void> {
  const client = dynamoDbLocalClient(endpoint);
  try {
    await client.send(new CreateTableCommand(ordersTableDefinition(tableName)));
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
    await client.send(new UpdateTimeToLiveCommand(ordersTableTtl(tableName)));
  } finally {
    client.destroy();
  }
}
