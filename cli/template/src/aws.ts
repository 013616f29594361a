import { cloudWatchFormat, cloudWatchMetrics } from "@skyport/aws-lambda";
import { idempotencyCollection, memoryDocuments, MEMORY_STORE, type Env, type Platform } from "@skyport/core";
import { DYNAMODB_STORE, readDynamoDbSettings } from "@skyport/dynamodb/settings";
import { notes } from "./notes.js";
import { instance, type RedisOffer } from "./services.js";

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

/**
 * Redis with the URL's password or none (the template's cache, reached from api's security group alone),
 * or ElastiCache's IAM auth (SKYPORT_REDIS_AUTH=elasticache-iam).
 */
const awsRedis = (env: Env): RedisOffer => ({
  auths: ["password", "elasticache-iam"],
  load: async () => {
    // ElastiCache's token signer is an entry of its own: no other cloud's bundle carries SigV4.
    const [{ redisCache }, { elastiCacheIamCredentials, elastiCacheIamFromEnv }] = await Promise.all([
      import("@skyport/redis"),
      import("@skyport/redis/elasticache-iam"),
    ]);
    return (options) =>
      redisCache({
        ...options,
        ...(options.auth === "elasticache-iam" && { credentials: elastiCacheIamCredentials(elastiCacheIamFromEnv(options.url, env)) }),
      });
  },
});

export default (env: Env, platform: Platform) =>
  instance("aws", env, platform, stores, { format: cloudWatchFormat(), metrics: cloudWatchMetrics("__NAME__"), redis: awsRedis(env) });
