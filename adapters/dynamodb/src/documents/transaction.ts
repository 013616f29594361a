import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  DocumentExists,
  newVersion,
  planTransaction,
  StoreUnavailable,
  VersionConflict,
  type CollectionDeclaration,
  type Operation,
  type OperationResult,
  type PlannedOperation,
} from "@skyport/core";
import { documentStoreError } from "./document-store-error.js";
import { itemOf, tableKeyOf } from "./stored-item.js";
import { absent, atVersion } from "./write-conditions.js";

/** Cancellation reasons that mean "nothing was written, try again": contention and throttling. */
const TRANSIENT = new Set(["TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded"]);

/**
 * A transaction as one TransactWriteItems (100 items, all or nothing): a create is a Put on an
 * absent key, a put and a delete carry their version condition where given, a check is a
 * ConditionCheck. A cancelled transaction names each item's reason, in the operations' order.
 */
export async function transact<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  declaration: CollectionDeclaration<T>,
  operations: readonly Operation<T>[],
): Promise<OperationResult[]> {
  const planned = planTransaction(declaration, operations);
  const now = Date.now();
  const versions = planned.map((operation) => (operation.kind === "create" || operation.kind === "put" ? newVersion() : undefined));
  const items = planned.map((operation, index) => transactionItem(tableName, declaration, operation, versions[index], now));
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    throw error instanceof TransactionCanceledException ? cancellationError(error, planned) : documentStoreError(error);
  }
  return versions.map((version): OperationResult => (version === undefined ? {} : { version }));
}

/** One operation as a TransactWriteItems item. */
function transactionItem(
  tableName: string,
  declaration: CollectionDeclaration<unknown>,
  operation: PlannedOperation,
  version: string | undefined,
  now: number,
) {
  if (operation.kind === "create")
    return { Put: { TableName: tableName, Item: itemOf(declaration, operation.document, version!), ...absent(declaration, now) } };
  const condition = operation.ifVersion === undefined ? {} : atVersion(operation.ifVersion, now);
  if (operation.kind === "put") return { Put: { TableName: tableName, Item: itemOf(declaration, operation.document, version!), ...condition } };
  if (operation.kind === "delete") return { Delete: { TableName: tableName, Key: tableKeyOf(operation.key), ...condition } };
  return { ConditionCheck: { TableName: tableName, Key: tableKeyOf(operation.key), ...atVersion(operation.ifVersion, now) } };
}

/** The first operation whose condition failed, as core's error naming it; contention as StoreUnavailable. */
function cancellationError(error: TransactionCanceledException, planned: PlannedOperation[]): Error {
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.findIndex((reason) => reason.Code === "ConditionalCheckFailed");
  if (failed >= 0) {
    const operation = planned[failed]!;
    return operation.kind === "create" ? new DocumentExists(operation.key, failed) : new VersionConflict(operation.key, failed);
  }
  if (reasons.some((reason) => TRANSIENT.has(reason.Code ?? ""))) return new StoreUnavailable(error);
  return error;
}
