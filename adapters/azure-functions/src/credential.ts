import type { TokenCredential } from "@azure/core-auth";

let shared: TokenCredential | undefined;

/**
 * The app's managed identity, one per instance: the queue publisher, the blob store and, through
 * the app's wiring, the Cosmos DB store ask it for their tokens, so it signs in once and caches
 * one set of tokens. `@azure/identity` is loaded when the first token is asked for, not at cold
 * start (an HTTP function that only reads Cosmos DB with a key never loads it).
 */
export function azureCredential(): TokenCredential {
  shared ??= lazyCredential(() => import("@azure/identity").then(({ DefaultAzureCredential }) => new DefaultAzureCredential()));
  return shared;
}

/** A credential built on its first token request; one that failed to build is built again at the next. */
export function lazyCredential(build: () => Promise<TokenCredential>): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes, options) {
      credential ??= build().catch((error: unknown) => {
        credential = undefined;
        throw error;
      });
      return (await credential).getToken(scopes, options);
    },
  };
}
