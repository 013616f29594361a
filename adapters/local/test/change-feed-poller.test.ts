import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { changes, MemoryOutbox, PoisonMessage, silentLogger, type Change } from "@skyport/core";
import { MemoryOrderStore } from "@skyport/core/orders";
import { orderAt } from "@skyport/core/orders/testing";
import { afterAll, describe, expect, it } from "vitest";
import { ChangeFeedPoller } from "../src/change-feed-poller.js";
import { MAX_ATTEMPTS, readDeadLetters } from "../src/in-process-queue.js";

const dir = mkdtempSync(join(tmpdir(), "skyport-poller-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An outbox with one order's insert, and a poller whose consumer fails as `fail` says. */
async function pollerFailing(file: string, fail: (change: Change) => Error | undefined) {
  const outbox = new MemoryOutbox();
  const order = orderAt(new Date());
  await new MemoryOrderStore(outbox).create(order);
  const seen: string[] = [];
  const handler = changes("orders", () => async (change: Change) => {
    seen.push(change.id);
    const error = fail(change);
    if (error) throw error;
  }).bind(undefined);
  const poller = new ChangeFeedPoller("outbox", "orders", outbox, async () => handler, silentLogger, { pollMs: 3_600_000, deadLetterFile: file });
  return { outbox, order, seen, poller };
}

describe("the local server's change feed poller", () => {
  it("hands a change that keeps failing on again, MAX_ATTEMPTS times in all, then dead-letters and acknowledges it", async () => {
    const file = join(dir, "retried.jsonl");
    const { outbox, order, seen, poller } = await pollerFailing(file, () => new Error("queue unavailable"));
    for (let pass = 0; pass < MAX_ATTEMPTS + 2; pass++) await poller.settle();
    expect(seen).toHaveLength(MAX_ATTEMPTS);
    expect(await outbox.pending("orders", 10)).toEqual([]);
    expect(readDeadLetters(file)).toEqual([
      expect.objectContaining({ topic: "changes:orders", reason: "attempts exhausted", message: expect.objectContaining({ attempt: MAX_ATTEMPTS }) }),
    ]);
    expect(JSON.parse(readDeadLetters(file)[0]!.message.body)).toMatchObject({ key: order.id, operation: "insert" });
  });

  it("dead-letters a poison change at once, and acknowledges a change that succeeded", async () => {
    const file = join(dir, "poison.jsonl");
    const { outbox, seen, poller } = await pollerFailing(file, () => new PoisonMessage("never"));
    await poller.settle();
    expect(seen).toHaveLength(1);
    expect(readDeadLetters(file)).toEqual([expect.objectContaining({ reason: "poison" })]);
    expect(await outbox.pending("orders", 10)).toEqual([]);

    const fine = await pollerFailing(join(dir, "fine.jsonl"), () => undefined);
    await fine.poller.settle();
    expect(fine.seen).toHaveLength(1);
    expect(await fine.outbox.pending("orders", 10)).toEqual([]);
    expect(readDeadLetters(join(dir, "fine.jsonl"))).toEqual([]);
  });
});
