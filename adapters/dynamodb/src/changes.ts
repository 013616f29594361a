import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { withDeclaredChanges, type Documents, type Env } from "@skyport/core";
import { DynamoDbStreamChangeFeed } from "./change-feed.js";
import { dynamoDbDocumentsOn } from "./documents/dynamodb-documents.js";
import { REQUEST_TIMEOUTS } from "./request-timeouts.js";

export { DynamoDbStreamChangeFeed } from "./change-feed.js";

/**
 * `dynamoDbDocuments` with their tables' streams as their change feed: for the local server, which
 * has no event source mapping to call a changes function. Its own entry point (`@skyport/dynamodb/changes`),
 * so that no Lambda bundle carries or loads the Streams client. The Streams API is served on its own
 * endpoint (AWS_ENDPOINT_URL_DYNAMODB_STREAMS); DynamoDB Local serves it on the table endpoint, so
 * without that variable the Streams client follows AWS_ENDPOINT_URL_DYNAMODB.
 */
export function dynamoDbDocumentsWithChanges(env: Env): Documents {
  const client = new DynamoDBClient({ requestHandler: REQUEST_TIMEOUTS });
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS ? undefined : env.AWS_ENDPOINT_URL_DYNAMODB;
  const streams = new DynamoDBStreamsClient({ requestHandler: REQUEST_TIMEOUTS, ...(endpoint && { endpoint }) });
  const documents = dynamoDbDocumentsOn(client, env);
  return withDeclaredChanges(
    {
      ...documents,
      close: async () => {
        streams.destroy();
        await documents.close();
      },
    },
    (declared) => new DynamoDbStreamChangeFeed(client, streams, env, declared),
  );
}
