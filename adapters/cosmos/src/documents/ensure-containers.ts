import type { CosmosClient } from "@azure/cosmos";
import { collectionLocation, type CollectionDeclaration, type Env } from "@skyport/core";
import { statusOf, storeFailure } from "../sdk-errors.js";
import { containerDefinitionOf } from "./container-definition.js";
import { ContainerKeyMismatch, keyDifference } from "./container-key.js";
import { mergedContainer } from "./container-merge.js";

/**
 * Creates the database and each declared collection's container where missing; adds the indexes,
 * composite indexes and TTL a declaration needs to an existing container of the same key; refuses one
 * of another key. For the local server and local runs: in Azure the template does this.
 */
export async function ensureContainers(
  client: CosmosClient,
  databaseId: string,
  env: Env,
  declarations: readonly CollectionDeclaration<unknown>[],
): Promise<void> {
  try {
    const { database } = await client.databases.createIfNotExists({ id: databaseId });
    for (const declaration of declarations) {
      const wanted = containerDefinitionOf(declaration, collectionLocation(env, declaration));
      const existing = await database
        .container(wanted.id)
        .read()
        .then(({ resource }) => resource)
        .catch((error: unknown) => {
          if (statusOf(error) === 404) return undefined;
          throw error;
        });
      if (!existing) {
        await database.containers.createIfNotExists(wanted);
        continue;
      }
      const difference = keyDifference(existing, declaration);
      if (difference !== undefined) throw new ContainerKeyMismatch(difference);
      const merged = mergedContainer(existing, wanted);
      if (merged) await database.container(wanted.id).replace({ ...merged, id: wanted.id });
    }
  } catch (error) {
    throw error instanceof ContainerKeyMismatch ? error : storeFailure(error);
  }
}
