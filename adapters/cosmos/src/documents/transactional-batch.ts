import type { OperationInput } from "@azure/cosmos";
import {
  DocumentExists,
  newVersion,
  STORED_FIELDS,
  VersionConflict,
  type CollectionDeclaration,
  type OperationResult,
  type PlannedOperation,
} from "@skyport/core";
import { isTombstone, itemAddress, liveValue, resourceOf, rewritten, toItem, tombstoneOf, type StoredItem } from "./item.js";

/** A transaction as one TransactionalBatch: its operations, which transaction operation each is, and the answer if it commits. */
export interface PlannedBatch {
  operations: OperationInput[];
  /** For each batch operation, the index of the transaction operation it carries out. */
  origins: number[];
  results: OperationResult[];
}

/**
 * The batch that applies `planned` over the items it read (`stored`, by id). Every condition is
 * checked against what was read, and every operation on a stored item carries its `_etag`
 * (`ifMatch`): if anything changed since, the whole batch fails and nothing is written. A check
 * writes its item again unchanged (our version stays), since the service ignores ifMatch on a read; a
 * delete replaces its item with a tombstone, which every condition reads as absent.
 */
export function plannedBatch(
  declaration: CollectionDeclaration<unknown>,
  planned: readonly PlannedOperation[],
  stored: ReadonlyMap<string, StoredItem>,
  nowMs: number,
): PlannedBatch {
  const batch: PlannedBatch = { operations: [], origins: [], results: [] };
  const add = (index: number, operation: OperationInput) => {
    batch.operations.push(operation);
    batch.origins.push(index);
  };
  for (const [index, operation] of planned.entries()) {
    const { id, partitionKey } = itemAddress(declaration, operation.key);
    const item = stored.get(id);
    const live = item !== undefined && liveValue(declaration, item, nowMs) !== undefined;
    const conditionHolds = operation.kind === "create" || operation.ifVersion === undefined || (live && item[STORED_FIELDS.version] === operation.ifVersion);
    if (!conditionHolds) throw new VersionConflict(operation.key, index);
    if (operation.kind === "create" || operation.kind === "put") {
      if (operation.kind === "create" && live) throw new DocumentExists(operation.key, index);
      const version = newVersion();
      const resourceBody = resourceOf(toItem(declaration, operation.document, operation.value, version, nowMs));
      if (operation.kind === "put" && operation.ifVersion === undefined) add(index, { operationType: "Upsert", partitionKey, resourceBody });
      else if (item) add(index, { operationType: "Replace", partitionKey, id, resourceBody, ifMatch: item._etag });
      else add(index, { operationType: "Create", partitionKey, resourceBody });
      batch.results.push({ version });
    } else {
      // Deleting what is not there (or a tombstone) is nothing to do; a stored item (even expired) becomes its tombstone, if unchanged since read.
      if (operation.kind === "delete" && item && !isTombstone(item))
        add(index, { operationType: "Replace", partitionKey, id, resourceBody: resourceOf(tombstoneOf(declaration, item)), ifMatch: item._etag });
      if (operation.kind === "check" && item)
        add(index, { operationType: "Replace", partitionKey, id, resourceBody: resourceOf(rewritten(item, nowMs)), ifMatch: item._etag });
      batch.results.push({});
    }
  }
  return batch;
}

/** The transaction operation a failed batch names: the first whose status is neither a success nor 424 (failed because another did). */
export function failedOperation(results: readonly { statusCode: number }[], origins: readonly number[]): { index: number; status: number } | undefined {
  const failed = results.findIndex(({ statusCode }) => statusCode >= 400 && statusCode !== 424);
  return failed === -1 ? undefined : { index: origins[failed]!, status: results[failed]!.statusCode };
}
