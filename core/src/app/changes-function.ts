import type { ChangesHandler } from "../function/change.js";
import type { CollectionDeclaration } from "../collections/declaration.js";
import { collectionsUsed, secretsUsed, type AppFunction, type FunctionOptions } from "./app.js";
import { documentConsumer, routeChanges, type ChangeConsumer, type DocumentChangeConsumer } from "./change-router.js";
import { AppDeclarationError, TOPIC_NAME } from "./declaration.js";

/** A changes function's trigger: the collection whose committed changes it receives. */
export interface ChangesTrigger {
  kind: "changes";
  /**
   * The collection whose committed changes the function receives: the DynamoDB table's stream,
   * Firestore documents `<collection>/{id}`, the Cosmos DB container's change feed, the local outbox.
   */
  collection: string;
}

declare module "./app.js" {
  interface TriggerKinds {
    changes: { trigger: ChangesTrigger; handler: ChangesHandler };
  }
}

/**
 * A change-feed function: each committed insert or update of the collection's documents, in
 * commit order per document, at least once. Changes succeed or fail alone (partial batch failure);
 * a failed one holds back its document's later changes until it succeeds or is dead-lettered.
 */
export function changes<S, T>(
  collection: CollectionDeclaration<T>,
  consumer: (services: S) => DocumentChangeConsumer<T>,
  options?: FunctionOptions,
): AppFunction<S, "changes">;
export function changes<S>(collection: string, consumer: (services: S) => ChangeConsumer, options?: FunctionOptions): AppFunction<S, "changes">;
export function changes<S>(
  source: string | CollectionDeclaration<unknown>,
  consumer: ((services: S) => ChangeConsumer) | ((services: S) => DocumentChangeConsumer<unknown>),
  options: FunctionOptions = {},
): AppFunction<S, "changes"> {
  const collection = typeof source === "string" ? source : source.name;
  if (!TOPIC_NAME.test(collection)) {
    throw new AppDeclarationError(`changes collection ${JSON.stringify(collection)}: 3-42 characters of a-z, 0-9 and -, starting with a letter`);
  }
  return {
    trigger: { kind: "changes", collection },
    publishes: options.publishes ?? [],
    // A function reads the collection whose changes it is given.
    collections: typeof source === "string" ? collectionsUsed(options) : [...new Set([collection, ...collectionsUsed(options)])],
    secrets: secretsUsed(options),
    bind: (services) =>
      routeChanges(
        collection,
        typeof source === "string"
          ? (consumer as (services: S) => ChangeConsumer)(services)
          : documentConsumer(source, (consumer as (services: S) => DocumentChangeConsumer<unknown>)(services)),
      ),
  };
}
