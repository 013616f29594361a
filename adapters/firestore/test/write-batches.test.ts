import { StoreUnavailable, VersionConflict } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { GrpcStatus } from "../src/firestore-errors.js";
import { MAX_COMMIT_BYTES } from "../src/documents/transaction.js";
import { batchesOf, MAX_BATCH_WRITES, type BatchWrite } from "../src/documents/write-batches.js";
import { abortedAsUnavailable } from "../src/documents/write-conditions.js";

const writes = (count: number, bytes: number) => Array.from({ length: count }, (_, index) => ({ index, bytes, version: `v${index}` }) as unknown as BatchWrite);

describe("batchesOf (putMany's WriteBatches)", () => {
  it("fills batches of up to 500 writes, in order", () => {
    const batches = batchesOf(writes(1000, 100));
    expect(batches.map((batch) => batch.length)).toEqual([MAX_BATCH_WRITES, MAX_BATCH_WRITES]);
    expect(batches.flat().map((write) => write.index)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("keeps each batch under Firestore's commit limit of 10 MiB", () => {
    const batches = batchesOf(writes(60, 350_100));
    expect(batches.length).toBe(3);
    for (const batch of batches) expect(batch.reduce((sum, write) => sum + write.bytes, 0)).toBeLessThanOrEqual(MAX_COMMIT_BYTES);
  });
});

describe("abortedAsUnavailable", () => {
  it("answers a transaction Firestore aborted (contention, after the SDK's retries) as StoreUnavailable, and leaves the rest", () => {
    const aborted = Object.assign(new Error("10 ABORTED: Transaction lock timeout."), { code: GrpcStatus.ABORTED });
    expect(abortedAsUnavailable(aborted)).toBeInstanceOf(StoreUnavailable);
    const conflict = new VersionConflict({ id: "a" }, 0);
    expect(abortedAsUnavailable(conflict)).toBe(conflict);
  });
});
