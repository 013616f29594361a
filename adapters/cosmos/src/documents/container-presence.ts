import type { Container } from "@azure/cosmos";
import { StoreUnavailable } from "@skyport/core";
import { statusOf, storeFailure } from "../sdk-errors.js";

// The service's sub-status for a 404 whose owner (the container or its database) does not exist.
const OWNER_MISSING = 1003;

/**
 * A 404 on an item means "no such item" only if its container exists: a request against a missing
 * container or database is the store not being there (StoreUnavailable), never "not found". The
 * service says so with sub-status 1003; the local server does not, so the container is read once.
 */
export class ContainerPresence {
  private confirmed = false;

  constructor(private readonly container: Container) {}

  /** After a 404 that may be a missing item: throws StoreUnavailable if the container or database is what is missing. */
  async confirmAfterNotFound(answer: unknown): Promise<void> {
    if ((answer as { substatus?: unknown } | null)?.substatus === OWNER_MISSING) throw new StoreUnavailable(answer);
    if (this.confirmed) return;
    let found: boolean;
    try {
      found = (await this.container.read()).resource !== undefined;
    } catch (error) {
      throw statusOf(error) === 404 ? new StoreUnavailable(error) : storeFailure(error);
    }
    if (!found) throw new StoreUnavailable(new Error(`container ${this.container.id} does not exist`));
    this.confirmed = true;
  }
}

/** An SDK error where a 404 cannot be a missing item (a create, an upsert, a query): the container or database is missing. */
export function collectionFailure(error: unknown): unknown {
  return statusOf(error) === 404 ? new StoreUnavailable(error) : storeFailure(error);
}
