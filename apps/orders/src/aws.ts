import { cloudWatchFormat, cloudWatchMetrics } from "@skyport/aws-lambda";
import { idempotencyCollection, MEMORY_STORE, memoryDocuments, type Env, type Platform } from "@skyport/core";
import { ordersCollection } from "@skyport/core/orders";
import { DYNAMODB_STORE, readDynamoDbSettings } from "@skyport/dynamodb/settings";
import { lazyStore, orderInstance, type EntryOptions, type StoreLoaders } from "./container.js";
import { ordersQueue } from "./events.js";

/**
 * The stores the AWS bundles carry (their documents); DynamoDB's SDK is imported on first use only. The table of each
 * collection (SKYPORT_COLLECTION_ORDERS, SKYPORT_COLLECTION_IDEMPOTENCY_KEYS) is checked at start.
 */
export const AWS_STORES: StoreLoaders = {
  [MEMORY_STORE]: () => memoryDocuments(),
  [DYNAMODB_STORE]: lazyStore(
    (env) => readDynamoDbSettings(env, [ordersCollection, idempotencyCollection]),
    () => import("@skyport/dynamodb").then((m) => m.dynamoDbDocuments),
  ),
};

/** Where log lines go: stdout (which Lambda sends to CloudWatch Logs) unless a test takes them. */
export type LogOptions = Pick<EntryOptions, "logWrite">;

/** The order services on AWS: DynamoDB, and the orders queue (SQS) for the function that publishes. */
export default function awsWiring(env: Env, platform: Platform, logs: LogOptions = {}) {
  const queue = ordersQueue(env, platform, DYNAMODB_STORE);
  return orderInstance({
    cloud: "aws",
    env,
    served: platform.served,
    defaultStore: DYNAMODB_STORE,
    stores: AWS_STORES,
    events: (_env, logger) => queue(logger),
    logFormat: cloudWatchFormat(),
    metrics: (write) => cloudWatchMetrics("orders", write),
    // deploy/aws/template.yaml's CacheSubnetIds offers ElastiCache Serverless, signed in to as its IAM-mode user with the
    // function's role (SKYPORT_REDIS_AUTH=elasticache-iam); the token's signer is an entry of its own, loaded with the cache only.
    redis: () =>
      Promise.all([import("@skyport/redis"), import("@skyport/redis/elasticache-iam")]).then(
        ([{ redisCache }, { elastiCacheIamCredentials, elastiCacheIamFromEnv }]) =>
          (options) =>
            redisCache({
              ...options,
              ...(options.auth === "elasticache-iam" && { credentials: elastiCacheIamCredentials(elastiCacheIamFromEnv(options.url, env)) }),
            }),
      ),
    redisAuths: ["password", "elasticache-iam"],
    ...logs,
  });
}
