import { output } from "@azure/functions";
import { documentConsumer, PoisonMessage, routeChanges, type Change, type ChangesHandler, type DocumentChange } from "@skyport/core";
import { ordersCollection, type Order } from "@skyport/core/orders";
import { describe, expect, it } from "vitest";
import { azureChangesHandler, CHANGE_ATTEMPTS } from "../src/changes/handler.js";
import { hostInvocationContext } from "../src/testing/index.js";

/**
 * The changes function on the Cosmos DB trigger's batches. No stand-in here serves a change feed
 * (apps/orders/test/azure/outbox.test.ts reads its items back from the Cosmos DB server), so the
 * documents are in the shape the trigger delivers in latest-version mode: the Cosmos store's item
 * (the document's JSON text in $document, its version in $version, an id escaped from its key, the
 * query attributes) with the system properties.
 */
const deadLetters = output.storageQueue({ queueName: "orders-changes-poison", connection: "AzureWebJobsStorage" });
const itemId = (id: string) => id.replaceAll("_", "_5F");
const documentOf = (id: string, lsn: number) => ({
  id: itemId(id),
  p_id: id,
  i_by_status: "pending",
  $version: `v${lsn}`,
  $document: JSON.stringify({ id, status: "pending", version: 1 }),
  _rid: "r",
  _self: "s",
  _etag: `"${lsn}"`,
  _attachments: "a",
  _ts: 1_790_000_000,
  _lsn: lsn,
});

/** One trigger invocation on the documents; the consumer's calls by document id, and the dead letters written. */
async function trigger(handler: () => Promise<ChangesHandler>, documents: unknown[]) {
  const invocation = hostInvocationContext({ functionName: "outbox", triggerType: "cosmosDBTrigger" });
  await azureChangesHandler(handler, { logLevel: "error" }, { collection: "orders", deadLetters })(documents, invocation);
  const letters = (invocation.extraOutputs.get(deadLetters) ?? []) as string[];
  return letters.map((letter) => JSON.parse(letter) as { change: Change; reason: string; attempts: number });
}

/** A consumer failing each document as `fails` says on its nth try (1-based), recording every call by the id of the document it was handed. */
function consumer(fails: (id: string, attempt: number) => Error | undefined) {
  const calls: string[] = [];
  const handler = routeChanges("orders", async (change) => {
    const id = String(change.document.id);
    calls.push(id);
    const error = fails(id, calls.filter((called) => called === id).length);
    if (error) throw error;
  });
  return { calls, handler };
}

describe("the changes function on the Cosmos DB trigger (documented shape)", () => {
  it("tries a failed change again inside the invocation, the others once, and writes no dead letter once it succeeds", async () => {
    const { calls, handler } = consumer((id, attempt) => (id === "ord_a" && attempt === 1 ? new Error("queue unreachable") : undefined));
    expect(await trigger(async () => handler, [documentOf("ord_a", 1), documentOf("ord_b", 2)])).toEqual([]);
    expect(calls.sort()).toEqual(["ord_a", "ord_a", "ord_b"]);
  });

  it("dead-letters a poison change at once and one that keeps failing after CHANGE_ATTEMPTS tries, without Cosmos DB's system properties", async () => {
    const { calls, handler } = consumer((id) => (id === "ord_p" ? new PoisonMessage("not an order") : id === "ord_x" ? new Error("down") : undefined));
    const letters = await trigger(async () => handler, [documentOf("ord_p", 3), documentOf("ord_x", 4), documentOf("ord_ok", 5)]);
    expect(letters.map(({ change, reason, attempts }) => [change.key, reason, attempts])).toEqual([
      ["ord_5Fp", "poison", 1],
      ["ord_5Fx", "attempts exhausted", CHANGE_ATTEMPTS],
    ]);
    // The item as the trigger gave it, without the system properties: the document stays in its $document.
    expect(letters[1]!.change).toEqual({
      id: "ord_5Fx@4",
      key: "ord_5Fx",
      operation: "write",
      document: { id: "ord_5Fx", p_id: "ord_x", i_by_status: "pending", $version: "v4", $document: '{"id":"ord_x","status":"pending","version":1}' },
      committedAt: "2026-09-21T14:13:20.000Z",
    });
    expect(calls.filter((key) => key === "ord_ok")).toEqual(["ord_ok"]);
  });

  it("hands on a tombstone (the Cosmos store's delete, which latest-version mode carries as a write) as the delete of its key and version", async () => {
    const order = { id: "ord_d", status: "cancelled", version: 2 };
    // As the Cosmos store leaves a deleted document: its key attributes, the document and version deleted, marked, with a ttl.
    const tombstone = { ...documentOf("ord_d", 7), $document: JSON.stringify(order), $deleted: true, ttl: 86_400 };
    const { i_by_status: _, ...withoutIndex } = tombstone;
    const changes: DocumentChange<Order>[] = [];
    const handler = routeChanges(
      "orders",
      documentConsumer(ordersCollection, async (change) => {
        changes.push(change);
      }),
    );
    expect(await trigger(async () => handler, [withoutIndex])).toEqual([]);
    expect(changes).toEqual([
      { id: "ord_5Fd@7", type: "deleted", key: { id: "ord_d" }, version: "v7", previous: order, committedAt: "2026-09-21T14:13:20.000Z" },
    ]);
    // A live item is still a write of its latest version.
    changes.length = 0;
    await trigger(async () => handler, [documentOf("ord_w", 8)]);
    expect(changes).toMatchObject([{ type: "updated", key: { id: "ord_w" }, version: "v8", value: { id: "ord_w" } }]);
  });

  it("tries again when the service could not start, as a failed change", async () => {
    const { calls, handler } = consumer(() => undefined);
    let starts = 0;
    const starting = async () => {
      if (++starts === 1) throw new Error("Cosmos DB credential not ready");
      return handler;
    };
    expect(await trigger(starting, [documentOf("ord_c", 6)])).toEqual([]);
    expect(calls).toEqual(["ord_c"]);
  });
});
