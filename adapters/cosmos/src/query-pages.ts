import type { Container, SqlQuerySpec } from "@azure/cosmos";
import { InvalidCursor, type Page, type PageRequest } from "@skyport/core";
import type { PositionSeal } from "./position-seal.js";
import { statusOf, storeFailure } from "./sdk-errors.js";

interface Batch<T> {
  items: T[];
  token: string | undefined;
}

/** Pages of a query by continuation token, sealed into positions; `next` only when something follows. */
export class QueryPages {
  constructor(
    private readonly container: Container,
    private readonly seal: PositionSeal,
  ) {}

  async page<T>(query: SqlQuerySpec, request: PageRequest): Promise<Page<T>> {
    let token = request.after === undefined ? undefined : await this.seal.open(query, request.after);
    const resuming = token !== undefined;
    try {
      const items: T[] = [];
      do {
        // Never ask for more than the page holds: the token must point right after its last item.
        const batch = await this.fetch<T>(query, request.limit - items.length, token);
        items.push(...batch.items);
        token = batch.token;
      } while (items.length < request.limit && token !== undefined);
      // Cosmos DB hands out a token after a full page even when nothing follows: look one ahead.
      if (token !== undefined && (await this.anythingFrom(query, token))) {
        return { items, next: await this.seal.seal(query, token) };
      }
      return { items, next: null };
    } catch (error) {
      // A token we sealed that the service no longer takes (its format changed with an SDK upgrade).
      if (resuming && statusOf(error) === 400) throw new InvalidCursor("position is no longer valid");
      throw storeFailure(error);
    }
  }

  private async anythingFrom(query: SqlQuerySpec, token: string): Promise<boolean> {
    let next: string | undefined = token;
    while (next !== undefined) {
      const batch: Batch<unknown> = await this.fetch(query, 1, next);
      if (batch.items.length > 0) return true;
      next = batch.token;
    }
    return false;
  }

  private async fetch<T>(query: SqlQuerySpec, maxItemCount: number, token: string | undefined): Promise<Batch<T>> {
    // enableQueryControl: the SDK only hands out tokens for cross-partition ORDER BY queries with it.
    const iterator = this.container.items.query<T>(query, { maxItemCount, continuationToken: token, enableQueryControl: true });
    let response = await iterator.fetchNext();
    // A cross-partition ORDER BY may answer empty, token-less pages while it gathers the partitions.
    while (response.resources.length === 0 && !response.continuationToken && iterator.hasMoreResults()) {
      response = await iterator.fetchNext();
    }
    return { items: response.resources, token: response.continuationToken || undefined };
  }
}
