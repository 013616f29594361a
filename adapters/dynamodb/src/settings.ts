import { envReader, type Env } from "@skyport/core";

/** SKYPORT_STORE's value for this store. */
export const DYNAMODB_STORE = "dynamodb";

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

export interface DynamoDbSettings {
  table: string;
}

/**
 * The store's settings, checked without loading the SDK: an entry point reads them at start.
 * Only the table comes from here: region, endpoint and credentials are the SDK's own
 * (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, the Lambda role).
 */
export function readDynamoDbSettings(env: Env): DynamoDbSettings {
  return { table: envReader(env).string("SKYPORT_DYNAMODB_TABLE", undefined, TABLE_NAME, "a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)") };
}
