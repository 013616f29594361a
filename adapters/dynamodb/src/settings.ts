import { collectionLocation, collectionVariable, ConfigError, type CollectionDeclaration, type Env } from "@skyport/core";

/** SKYPORT_STORE's value for this store. */
export const DYNAMODB_STORE = "dynamodb";

/** DynamoDB's own rule; core's location pattern allows names of 1 and 2 characters too. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/** Each declared collection's DynamoDB table, by collection name. */
export interface DynamoDbSettings {
  /** Each declared collection's table, by collection name. */
  tables: Record<string, string>;
}

/** A collection's table: SKYPORT_COLLECTION_<NAME>, else the collection's name; a ConfigError naming the variable if DynamoDB cannot take it. */
export function collectionTable(env: Env, declaration: CollectionDeclaration<unknown>): string {
  const table = collectionLocation(env, declaration);
  if (!TABLE_NAME.test(table)) throw new ConfigError(collectionVariable(declaration.name), "a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)", table);
  return table;
}

/**
 * The store's settings, checked without loading the SDK: an entry point reads them at start. Only
 * where each collection lives comes from here: region, endpoint and credentials are the SDK's own
 * (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, the Lambda role).
 */
export function readDynamoDbSettings(env: Env, declarations: readonly CollectionDeclaration<unknown>[] = []): DynamoDbSettings {
  return { tables: Object.fromEntries(declarations.map((declaration) => [declaration.name, collectionTable(env, declaration)])) };
}
