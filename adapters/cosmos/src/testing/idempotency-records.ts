import type { Container } from "@azure/cosmos";
import type { IdempotencyRecord } from "@skyport/core";
import { live, toRecord, type RecordItem } from "../idempotency-store.js";

/** The live record for a key, read straight from the container: for tests, since production never reads one back. */
export async function idempotencyRecordOf(container: Container, key: string, now: Date): Promise<IdempotencyRecord | null> {
  const { resource } = await container.item(key, key).read<RecordItem>();
  return resource && live(resource, now) ? toRecord(resource) : null;
}
