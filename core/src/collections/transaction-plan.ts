import { InvalidQuery } from "../ports/errors.js";
import type { DocumentKey, Operation } from "./collection.js";
import type { CollectionDeclaration } from "./declaration.js";
import { checkDocument, checkKey, type CheckedDocument } from "./rules.js";

/** The most operations one `transact` may hold (DynamoDB's and Cosmos DB's limit). */
export const MAX_TRANSACTION_OPERATIONS = 100;
/** The most values one `putMany` may write. */
export const MAX_PUT_MANY = 1000;
/** A transaction's documents in UTF-8 JSON, at most: within Cosmos DB's 2 MB batch (DynamoDB's is 4 MB, Firestore's 10 MiB). */
export const MAX_TRANSACTION_BYTES = 1_500_000;

/** One operation of a transaction, checked: its kind, its key and, for a write, its document. */
export type PlannedOperation =
  | { kind: "create"; key: DocumentKey; document: CheckedDocument; value: unknown }
  | { kind: "put"; key: DocumentKey; document: CheckedDocument; value: unknown; ifVersion?: string }
  | { kind: "delete"; key: DocumentKey; ifVersion?: string }
  | { kind: "check"; key: DocumentKey; ifVersion: string };

/**
 * Checks a transaction before any store call: 1-100 operations, each key at most once, all in one
 * partition, every document valid, their JSON within MAX_TRANSACTION_BYTES. Anything else is refused whole, nothing written.
 */
export function planTransaction<T>(declaration: CollectionDeclaration<T>, operations: readonly Operation<T>[]): PlannedOperation[] {
  if (!Array.isArray(operations) || operations.length < 1 || operations.length > MAX_TRANSACTION_OPERATIONS) {
    throw new InvalidQuery(`a transaction holds 1 to ${MAX_TRANSACTION_OPERATIONS} operations`);
  }
  const planned = operations.map((operation, index) => planOperation(declaration, operation, index));
  const bytes = planned.reduce((sum, operation) => sum + ("document" in operation ? Buffer.byteLength(operation.document.json) : 0), 0);
  if (bytes > MAX_TRANSACTION_BYTES) throw new InvalidQuery(`a transaction's documents are ${bytes} bytes of JSON, over the limit of ${MAX_TRANSACTION_BYTES}`);
  const seen = new Set<string>();
  const partition = planned[0]!.key[declaration.key.partition];
  for (const [index, { key }] of planned.entries()) {
    const id = JSON.stringify(Object.values(key));
    if (seen.has(id)) throw new InvalidQuery(`operation ${index} is the second on the key ${JSON.stringify(key)}`);
    seen.add(id);
    if (key[declaration.key.partition] !== partition) throw new InvalidQuery(`operation ${index} is in another partition: a transaction holds one`);
  }
  return planned;
}

function planOperation<T>(declaration: CollectionDeclaration<T>, operation: Operation<T>, index: number): PlannedOperation {
  const ifVersion = (operation as { ifVersion?: unknown }).ifVersion;
  if (ifVersion !== undefined && typeof ifVersion !== "string") throw new InvalidQuery(`operation ${index}: ifVersion is a version string`);
  if (operation && "create" in operation) {
    const document = checkDocument(declaration, operation.create);
    return { kind: "create", key: document.key, document, value: operation.create };
  }
  if (operation && "put" in operation) {
    const document = checkDocument(declaration, operation.put);
    return { kind: "put", key: document.key, document, value: operation.put, ...(ifVersion !== undefined && { ifVersion }) };
  }
  if (operation && "delete" in operation)
    return { kind: "delete", key: checkKey(declaration, operation.delete), ...(ifVersion !== undefined && { ifVersion }) };
  if (operation && "check" in operation) {
    if (ifVersion === undefined) throw new InvalidQuery(`operation ${index}: a check needs ifVersion`);
    return { kind: "check", key: checkKey(declaration, operation.check), ifVersion };
  }
  throw new InvalidQuery(`operation ${index} is none of create, put, delete, check`);
}

/** `putMany` takes 1-1000 values. */
export function checkPutMany(values: readonly unknown[]): void {
  if (!Array.isArray(values) || values.length < 1 || values.length > MAX_PUT_MANY) throw new InvalidQuery(`putMany takes 1 to ${MAX_PUT_MANY} values`);
}
