import { cloudWatchFormat, cloudWatchMetrics } from "@skyport/aws-lambda";
import { idempotencyCollection, memoryDocuments, MEMORY_STORE, type Env, type Platform } from "@skyport/core";
import { DYNAMODB_STORE, readDynamoDbSettings } from "@skyport/dynamodb/settings";
import { notes } from "./notes.js";
import { instance } from "./services.js";

/** On AWS: DynamoDB (its SDK imported on first use; the notes' and the idempotency keys' tables checked at start), or SKYPORT_STORE=memory. */
const stores = {
  loaders: {
    [DYNAMODB_STORE]: Object.assign((env: Env) => import("@skyport/dynamodb").then((m) => m.dynamoDbDocuments(env)), {
      check: (env: Env) => void readDynamoDbSettings(env, [notes, idempotencyCollection]),
    }),
    [MEMORY_STORE]: () => memoryDocuments(),
  },
  defaultStore: DYNAMODB_STORE,
};

export default (env: Env, platform: Platform) => instance("aws", env, platform, stores, cloudWatchFormat(), cloudWatchMetrics("__NAME__"));
