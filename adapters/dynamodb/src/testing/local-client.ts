import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Env } from "@skyport/core";

/** DynamoDB Local (-sharedDb) accepts any region and credentials; the SDK insists on having some. */
const LOCAL_REGION = "us-east-1";
const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

/** A low-level client for DynamoDB Local, for test setup and inspection. */
export function dynamoDbLocalClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/** The standard variables that point `dynamoDbStores` (and the AWS bundles) at DynamoDB Local. */
export function dynamoDbLocalEnv(endpoint: string, tableName: string): Env {
  return {
    SKYPORT_STORE: "dynamodb",
    SKYPORT_DYNAMODB_TABLE: tableName,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}
