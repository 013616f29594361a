import { setTimeout as sleep } from "node:timers/promises";
import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { checkDocument, checkPutMany, fieldsOf, newVersion, StoreUnavailable, type CollectionDeclaration, type PutOutcome } from "@skyport/core";
import { documentStoreError } from "./document-store-error.js";
import { itemOf, type StoredItem } from "./stored-item.js";

/** BatchWriteItem's limit. */
export const BATCH_SIZE = 25;
/** Retries of the items DynamoDB left unprocessed (throttled), 50 ms doubling: about 1.5 s in all. */
export const UNPROCESSED_RETRIES = 5;
/** Batches in flight at once. */
const CONCURRENT_BATCHES = 4;

interface Write {
  index: number;
  id: string;
  item: StoredItem;
  version: string;
}

/**
 * putMany as BatchWriteItem calls of 25 puts: each value checked on its own (an invalid one fails
 * alone), a repeated key starting a new round of batches so that its writes land in order (a
 * batch may not hold a key twice), unprocessed items retried with bounded backoff, then given
 * StoreUnavailable.
 */
export async function putMany<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  declaration: CollectionDeclaration<T>,
  values: readonly T[],
): Promise<PutOutcome[]> {
  checkPutMany(values);
  const outcomes: PutOutcome[] = new Array(values.length);
  const idOf = (item: StoredItem) => JSON.stringify(fieldsOf(declaration.key).map((field) => item[field]));
  const rounds: Write[][] = [[]];
  for (const [index, value] of values.entries()) {
    try {
      const version = newVersion();
      const item = itemOf(declaration, checkDocument(declaration, value), version);
      const write = { index, id: idOf(item), item, version };
      if (rounds.at(-1)!.some((other) => other.id === write.id)) rounds.push([]);
      rounds.at(-1)!.push(write);
    } catch (error) {
      outcomes[index] = { error: error as Error };
    }
  }
  const writeBatch = async (batch: Write[]) => {
    let pending = batch;
    for (let attempt = 0; pending.length > 0 && attempt <= UNPROCESSED_RETRIES; attempt += 1) {
      if (attempt > 0) await sleep(50 * 2 ** (attempt - 1));
      let unprocessed: StoredItem[];
      try {
        const answer = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending.map((write) => ({ PutRequest: { Item: write.item } })) } }),
        );
        unprocessed = (answer.UnprocessedItems?.[tableName] ?? []).map((request) => request.PutRequest?.Item ?? {});
      } catch (error) {
        for (const write of pending) outcomes[write.index] = { error: documentStoreError(error) as Error };
        return;
      }
      const left = new Set(unprocessed.map(idOf));
      for (const write of pending) if (!left.has(write.id)) outcomes[write.index] = { version: write.version };
      pending = pending.filter((write) => left.has(write.id));
    }
    const cause = new Error(`DynamoDB left the item unprocessed after ${UNPROCESSED_RETRIES} retries`);
    for (const write of pending) outcomes[write.index] = { error: new StoreUnavailable(cause) };
  };
  for (const round of rounds) {
    const batches = Array.from({ length: Math.ceil(round.length / BATCH_SIZE) }, (_, i) => round.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE));
    for (let i = 0; i < batches.length; i += CONCURRENT_BATCHES) await Promise.all(batches.slice(i, i + CONCURRENT_BATCHES).map(writeBatch));
  }
  return outcomes;
}
