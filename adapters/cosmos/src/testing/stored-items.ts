import type { Container } from "@azure/cosmos";
import type { CollectionDeclaration, DocumentKey } from "@skyport/core";
import { itemAddress, type StoredItem } from "../documents/item.js";

/** The item holding a document, as Cosmos DB stores it (system properties and all): what its change feed hands on. */
export async function storedItemOf(
  container: Container,
  declaration: CollectionDeclaration<unknown>,
  key: DocumentKey,
): Promise<(StoredItem & { _ts: number }) | undefined> {
  const { id, partitionKey } = itemAddress(declaration, key);
  return (await container.item(id, partitionKey).read<StoredItem & { _ts: number }>()).resource;
}

/** When Cosmos DB's TTL removes a document's item, in epoch seconds: its last write (`_ts`, the server's clock) plus its `ttl`. */
export async function ttlExpiryOf(container: Container, declaration: CollectionDeclaration<unknown>, key: DocumentKey): Promise<number | undefined> {
  const item = await storedItemOf(container, declaration, key);
  return item?.ttl === undefined ? undefined : item._ts + item.ttl;
}
