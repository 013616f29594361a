import type { CollectionDeclaration, Env } from "@skyport/core";
import { firestoreLocation } from "./collection-location.js";
import { orderFields } from "./collection-query.js";
import { DOCUMENT_FIELDS, keyField } from "./stored-document.js";

/** One entry of `firestore.indexes.json` (the format `firebase deploy` and our deploy script read). */
export interface CompositeIndex {
  collectionGroup: string;
  queryScope: "COLLECTION";
  /** The implicit last field, `__name__`, takes the direction of the last field listed. */
  fields: { fieldPath: string; order: "ASCENDING" | "DESCENDING" }[];
}

/** A field override of firestore.indexes.json: a field's TTL policy, with no single-field indexes. */
export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  ttl?: boolean;
  /** Empty: no single-field indexes for this field. */
  indexes: never[];
}

/** A field's path as index definitions and gcloud take it: a name other than letters, digits and _ (`$document`) in backticks. */
export function fieldPath(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/[`\\]/g, "\\$&")}\``;
}

/**
 * What the declared collections need deployed, in the format of `firestore.indexes.json`: a
 * composite index per direction for each query on a key or index that orders by a field other
 * than its partition field, and the field overrides (the TTL policy on the expiry, no indexes on
 * the JSON text and the version, which are never queried). The emulator needs none of it.
 */
export function collectionIndexes(
  env: Env,
  declarations: readonly CollectionDeclaration<unknown>[],
): { indexes: CompositeIndex[]; fieldOverrides: FieldOverride[] } {
  const indexes = new Map<string, CompositeIndex>();
  const fieldOverrides: FieldOverride[] = [];
  for (const declaration of declarations) {
    const collectionGroup = firestoreLocation(env, declaration);
    for (const shape of [declaration.key, ...Object.values(declaration.indexes)]) {
      const order = orderFields(declaration, shape);
      // An equality filter alone is served by Firestore's automatic single-field index.
      if (order.length === 0) continue;
      for (const direction of ["ASCENDING", "DESCENDING"] as const) {
        const fields = [
          { fieldPath: keyField(shape.partition), order: "ASCENDING" as const },
          ...order.map((field) => ({ fieldPath: keyField(field), order: direction })),
        ];
        indexes.set(JSON.stringify([collectionGroup, fields]), { collectionGroup, queryScope: "COLLECTION", fields });
      }
    }
    fieldOverrides.push(
      { collectionGroup, fieldPath: fieldPath(DOCUMENT_FIELDS.json), indexes: [] },
      { collectionGroup, fieldPath: fieldPath(DOCUMENT_FIELDS.version), indexes: [] },
    );
    if (declaration.expiresAt !== undefined) fieldOverrides.push({ collectionGroup, fieldPath: DOCUMENT_FIELDS.expiresAt, ttl: true, indexes: [] });
  }
  return { indexes: [...indexes.values()], fieldOverrides };
}
