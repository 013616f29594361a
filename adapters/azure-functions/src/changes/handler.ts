import type { CosmosDBv4Handler, StorageQueueOutput } from "@azure/functions";
import { describeError, type Change, type ChangesHandler, type Lazy } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { fromCosmosDocuments, toDeadLetterMessage } from "./cosmos-documents.js";

/** Tries of a batch within one invocation; the Cosmos DB trigger itself never delivers a batch again. */
export const CHANGE_ATTEMPTS = 3;
const BACKOFF_MS = 200;

export interface ChangesBinding {
  collection: string;
  /** The Storage queue output where what still fails is written (`<collection>-changes-poison`). */
  deadLetters: StorageQueueOutput;
}

/**
 * The Cosmos DB trigger's batch -> the neutral changes handler. The trigger moves its lease on
 * whatever the function does, so the function retries failed changes itself (bounded, within the
 * invocation's deadline) and writes those that still fail, or are poison, to the dead-letter queue,
 * which an alert watches: nothing is dropped silently.
 */
export function azureChangesHandler(handler: Lazy<ChangesHandler>, options: AdapterOptions, binding: ChangesBinding): CosmosDBv4Handler {
  return async (documents, invocation) => {
    const context = toContext(invocation, options);
    let pending: Change[] = fromCosmosDocuments(documents);
    const letters: string[] = [];
    for (let attempt = 1; pending.length > 0; attempt++) {
      // A service that cannot start fails the whole try: retried here like any failure, never thrown away.
      const everyOne = pending.map((change) => ({ id: change.id, retryable: true }));
      const { failed } = await handler()
        .then((handle) => handle(pending, context))
        .catch((error: unknown) => {
          context.logger.warn("changes not handled", { error: describeError(error) });
          return { failed: everyOne };
        });
      const failure = new Map(failed.map((f) => [f.id, f]));
      const last = attempt >= CHANGE_ATTEMPTS || (context.deadline !== undefined && Date.now() + BACKOFF_MS * 2 ** attempt * 2 > context.deadline);
      const retry: Change[] = [];
      for (const change of pending.filter((c) => failure.has(c.id))) {
        if (failure.get(change.id)!.retryable && !last) retry.push(change);
        else letters.push(toDeadLetterMessage(binding.collection, change, failure.get(change.id)!.retryable ? "attempts exhausted" : "poison", attempt));
      }
      pending = retry;
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * 2 ** (attempt - 1)));
    }
    if (letters.length > 0) {
      context.metrics?.record("DeadLetteredChanges", letters.length, "Count");
      context.logger.error("changes dead-lettered", { collection: binding.collection, count: letters.length });
      invocation.extraOutputs.set(binding.deadLetters, letters);
    }
  };
}
