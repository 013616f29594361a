import { describe, expect, it } from "vitest";
import { collection, memoryDocuments } from "../src/index.js";
import { documentsContract } from "../src/testing/index.js";

// Memory has no endpoint to lose: the suite's StoreUnavailable case runs on the stores that have one.
documentsContract("memory", () => ({ documents: memoryDocuments() }));

describe("memoryDocuments", () => {
  it("reads expiry by the clock it is given", async () => {
    let now = new Date("2026-12-01T00:00:00Z");
    const documents = memoryDocuments({ clock: { now: () => now } });
    const sessions = documents.collection(collection<{ id: string; expiresAt: string }>("sessions", { key: ["id"], expiresAt: "expiresAt" }));
    await sessions.put({ id: "s", expiresAt: "2026-12-01T00:00:01Z" });
    expect(await sessions.get({ id: "s" })).toBeDefined();
    now = new Date("2026-12-01T00:00:01Z");
    expect(await sessions.get({ id: "s" })).toBeUndefined();
  });
});
