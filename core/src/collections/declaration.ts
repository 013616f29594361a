import { envReader, type Env } from "../config/env.js";

/** Where a collection's name and its indexes' names come from: valid as a DynamoDB table, a Firestore collection and a Cosmos DB container alike. */
export const COLLECTION_NAME = /^[a-z][a-z0-9-]{1,40}[a-z0-9]$/;
const NAME_RULE = "3-42 characters of a-z, 0-9 and -, starting with a letter";
/** Reserved for the framework's own records. */
const RESERVED = new Set(["leases"]);
/** A field of the document: what a key, an index or the expiry names. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** A key or an index: its partition field, then its optional sort field. */
export type KeyFields<T> = readonly [Extract<keyof T, string>] | readonly [Extract<keyof T, string>, Extract<keyof T, string>];

/** A collection's key, secondary indexes and expiry field, as `collection()` declares them. */
export interface CollectionOptions<T> {
  /** The partition field, then the optional sort field (`["member", "id"]`); their values are strings. */
  key: KeyFields<T>;
  /** Secondary keys the app queries by, each a partition field and an optional sort field. */
  indexes?: Record<string, KeyFields<T>>;
  /** An ISO 8601 date-time field (with an offset); past it the document is gone on every store. */
  expiresAt?: Extract<keyof T, string>;
}

/** A key or an index, by role. */
export interface KeyShape {
  partition: string;
  sort?: string;
}

/**
 * A collection as the app declares it: what every store builds its table, collection or container
 * from, and what the templates follow. `T` is the document's type.
 */
export interface CollectionDeclaration<T = Record<string, unknown>> {
  readonly kind: "collection";
  readonly name: string;
  readonly key: KeyShape;
  readonly indexes: Readonly<Record<string, KeyShape>>;
  readonly expiresAt?: string;
  /** Never set: carries the document's type. */
  readonly document?: T;
}

/** A declaration the stores could not all hold. */
export class CollectionDeclarationError extends Error {
  override name = "CollectionDeclarationError";
}

/** Declares a collection; every name is checked against what every store accepts. */
export function collection<T extends object>(name: string, options: CollectionOptions<T>): CollectionDeclaration<T> {
  const fail = (reason: string) => {
    throw new CollectionDeclarationError(`collection ${JSON.stringify(name)}: ${reason}`);
  };
  if (!COLLECTION_NAME.test(name)) fail(`the name must be ${NAME_RULE}`);
  if (RESERVED.has(name)) fail("the name is reserved for the framework");
  const shape = (fields: readonly string[] | undefined, what: string): KeyShape => {
    if (!Array.isArray(fields) || fields.length < 1 || fields.length > 2) return fail(`${what} must name a partition field and an optional sort field`);
    for (const field of fields) if (!FIELD_NAME.test(field)) fail(`${what} names ${JSON.stringify(field)}: a field is 1-64 of A-Z, a-z, 0-9 and _`);
    if (fields[0] === fields[1]) fail(`${what} names ${fields[0]} twice`);
    return fields[1] === undefined ? { partition: fields[0]! } : { partition: fields[0]!, sort: fields[1] };
  };
  const key = shape(options.key, "key");
  const indexes: Record<string, KeyShape> = {};
  for (const [index, fields] of Object.entries<readonly string[]>(options.indexes ?? {})) {
    if (!COLLECTION_NAME.test(index)) fail(`index ${JSON.stringify(index)}: the name must be ${NAME_RULE}`);
    indexes[index] = Object.freeze(shape(fields, `index ${index}`));
  }
  const { expiresAt } = options;
  if (expiresAt !== undefined) {
    if (!FIELD_NAME.test(expiresAt)) fail(`expiresAt names ${JSON.stringify(expiresAt)}: a field is 1-64 of A-Z, a-z, 0-9 and _`);
    if (expiresAt === key.partition || expiresAt === key.sort) fail("expiresAt cannot be a key field");
  }
  return Object.freeze({
    kind: "collection" as const,
    name,
    key: Object.freeze(key),
    indexes: Object.freeze(indexes),
    ...(expiresAt !== undefined && { expiresAt }),
  });
}

/** The setting that says where a collection lives (a table, a collection path, a container): `audit-log` -> SKYPORT_COLLECTION_AUDIT_LOG. */
export function collectionVariable(name: string): string {
  return `SKYPORT_COLLECTION_${name.toUpperCase().replace(/-/g, "_")}`;
}

const LOCATION = /^[A-Za-z0-9_.-]{1,255}$/;

/** Where `declaration` lives on this deployment: SKYPORT_COLLECTION_<NAME>, else its name. */
export function collectionLocation(env: Env, declaration: Pick<CollectionDeclaration<unknown>, "name">): string {
  return envReader(env).string(
    collectionVariable(declaration.name),
    declaration.name,
    LOCATION,
    "a table, collection or container name (1-255 of A-Z a-z 0-9 _ . -)",
  );
}
