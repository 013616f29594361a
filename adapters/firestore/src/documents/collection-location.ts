import { collectionLocation, collectionVariable, ConfigError, type CollectionDeclaration, type Env } from "@skyport/core";
import { RESERVED } from "./document-id.js";

/** Where a collection lives: core's location, which must also be an id Firestore takes for a collection (not `.`, `..` or `__x__`). */
export function firestoreLocation(env: Env, declaration: CollectionDeclaration<unknown>): string {
  const location = collectionLocation(env, declaration);
  if (RESERVED.test(location)) throw new ConfigError(collectionVariable(declaration.name), "a Firestore collection id (not . or .., nor __x__)", location);
  return location;
}
