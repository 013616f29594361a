import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { collectionVariable, type CollectionDeclaration, type Env } from "@skyport/core";
import { dynamoDbDocumentsOn } from "../documents/dynamodb-documents.js";

/** DynamoDB Local (-sharedDb) accepts any region and credentials; the SDK insists on having some. */
const LOCAL_REGION = "us-east-1";
const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

/** A low-level client for DynamoDB Local, for test setup and inspection. */
export function dynamoDbLocalClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/** Tables of their own for these collections: `<prefix>-<collection name>`, by collection name (what `dynamoDbLocalEnv` takes). */
export function prefixedTables(prefix: string, declarations: readonly CollectionDeclaration<unknown>[]): Record<string, string> {
  return Object.fromEntries(declarations.map((declaration) => [declaration.name, `${prefix}-${declaration.name}`]));
}

/**
 * The standard variables that point `dynamoDbDocuments` (and the AWS bundles) at
 * DynamoDB Local, with SKYPORT_COLLECTION_<NAME> for each collection given a table (by collection name).
 */
export function dynamoDbLocalEnv(endpoint: string, tables: Readonly<Record<string, string>> = {}): Env {
  return {
    SKYPORT_STORE: "dynamodb",
    ...Object.fromEntries(Object.entries(tables).map(([collection, table]) => [collectionVariable(collection), table])),
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** Makes the collections' tables on DynamoDB Local where `env` puts them, as the template makes them on AWS (`ensure`). */
export async function ensureLocalCollections(endpoint: string, env: Env, declarations: readonly CollectionDeclaration<unknown>[]): Promise<void> {
  const documents = dynamoDbDocumentsOn(dynamoDbLocalClient(endpoint), env);
  try {
    await documents.ensure(declarations);
  } finally {
    await documents.close();
  }
}
