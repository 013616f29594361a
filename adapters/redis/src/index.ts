export { CacheOffline, redisCache, type RedisCacheOptions } from "./redis-cache.js";
export { refreshingCredentials, REFRESH_BEFORE_EXPIRY_MS, type CredentialsSource, type RedisCredentials } from "./refreshing-credentials.js";
export { entraIdCredentials, AZURE_REDIS_SCOPE, type TokenCredentialLike } from "./entra-id.js";
export { memorystoreIamCredentials, type GoogleAccessToken } from "./memorystore-iam.js";
