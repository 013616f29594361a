import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import type { Env, Stores } from "@skyport/core";
import { DynamoDbStreamChangeFeed } from "./change-feed.js";
import { readDynamoDbSettings } from "./settings.js";
import { REQUEST_TIMEOUTS, storesOn } from "./stores.js";

export { DynamoDbStreamChangeFeed } from "./change-feed.js";

/**
 * The stores plus the table's stream as their change feed: for the local server, which has no
 * event source mapping to call a changes function. Its own entry point (`@skyport/dynamodb/changes`),
 * so that no Lambda bundle carries or loads the Streams client. The Streams API is served on its own
 * endpoint (AWS_ENDPOINT_URL_DYNAMODB_STREAMS); DynamoDB Local serves it on the table endpoint, so
 * without that variable the Streams client follows AWS_ENDPOINT_URL_DYNAMODB.
 */
export function dynamoDbStoresWithChanges(env: Env): Stores {
  const { table } = readDynamoDbSettings(env);
  const client = new DynamoDBClient({ requestHandler: REQUEST_TIMEOUTS });
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS ? undefined : env.AWS_ENDPOINT_URL_DYNAMODB;
  const streams = new DynamoDBStreamsClient({ requestHandler: REQUEST_TIMEOUTS, ...(endpoint && { endpoint }) });
  const stores = storesOn(client, table);
  return {
    ...stores,
    changes: new DynamoDbStreamChangeFeed(client, streams, table),
    close: async () => {
      streams.destroy();
      await stores.close();
    },
  };
}
