import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Documents, Env } from "@skyport/core";
import { REQUEST_TIMEOUTS } from "../request-timeouts.js";
import { collectionTable } from "../settings.js";
import { dynamoDbCollection } from "./dynamodb-collection.js";
import { ensureTable } from "./ensure-table.js";

/**
 * SKYPORT_STORE=dynamodb: each collection in a table of its own, named by SKYPORT_COLLECTION_<NAME>
 * (else the collection's name). Region, endpoint and credentials are the SDK's own, as for the stores.
 */
export function dynamoDbDocuments(env: Env): Documents {
  return dynamoDbDocumentsOn(new DynamoDBClient({ requestHandler: REQUEST_TIMEOUTS }), env);
}

/** The collections on the given client, which `close` destroys. */
export function dynamoDbDocumentsOn(client: DynamoDBClient, env: Env): Documents {
  const documents = DynamoDBDocumentClient.from(client);
  return {
    collection: (declaration) => dynamoDbCollection(documents, collectionTable(env, declaration), declaration),
    async ensure(declarations) {
      for (const declaration of declarations) await ensureTable(client, declaration, collectionTable(env, declaration));
    },
    async close() {
      client.destroy();
    },
  };
}
