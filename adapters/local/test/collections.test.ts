import { changes, collection, defineApp, http, json, memoryDocuments, silentLogger, type Collection, type DocumentChange } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { startLocalApp } from "../src/index.js";

interface Loan {
  member: string;
  id: string;
  bookId: string;
  expiresAt?: string;
}

const loans = collection<Loan>("loans", { key: ["member", "id"], indexes: { "by-book": ["bookId"] }, expiresAt: "expiresAt" });

interface Services {
  loans: Collection<Loan>;
  audit: DocumentChange<Loan>[];
}

/** A lending desk declared through the public API: a route that keeps loans, and a changes function that audits them. */
const app = defineApp({
  name: "lending",
  collections: { loans },
  functions: {
    desk: http(
      (services: Services) => [
        {
          path: "/loans",
          methods: {
            POST: async (request) => json(201, (await services.loans.put(JSON.parse(Buffer.from(request.body ?? []).toString()) as Loan)).value),
            GET: async (request) =>
              json(
                200,
                (await services.loans.query({ where: { member: request.query.get("member") ?? "" } })).items.map((item) => item.value),
              ),
          },
        },
      ],
      { collections: [loans] },
    ),
    audit: changes(loans, (services: Services) => async (change) => void services.audit.push(change)),
  },
});

describe("an app's own collections on the local server", () => {
  it("makes them at start, keeps and queries its documents, hides expired ones, and hands every change to its changes function", async () => {
    const documents = memoryDocuments();
    const ensured: string[] = [];
    const audit: DocumentChange<Loan>[] = [];
    const services: Services = { loans: documents.collection(loans), audit };
    const local = await startLocalApp(
      app,
      () => ({
        logger: silentLogger,
        services: async () => services,
        documents: { ...documents, changes: documents.changes, ensure: async (declared) => void ensured.push(...declared.map((d) => d.name)) },
      }),
      { PORT: "0", SKYPORT_QUEUE_PATH: ":memory:", SKYPORT_CHANGE_FEED_POLL_MS: "10" },
    );
    try {
      expect(ensured).toEqual(["loans"]);
      const post = (loan: Loan) => fetch(`${local.url}/loans`, { method: "POST", body: JSON.stringify(loan) });
      expect((await post({ member: "ada", id: "l1", bookId: "b1" })).status).toBe(201);
      expect((await post({ member: "ada", id: "l2", bookId: "b2", expiresAt: "2020-01-01T00:00:00Z" })).status).toBe(201);
      expect(await (await fetch(`${local.url}/loans?member=ada`)).json()).toEqual([{ member: "ada", id: "l1", bookId: "b1" }]);
      await services.loans.delete({ member: "ada", id: "l1" });
      await local.settle();
      expect(audit.map((change) => [change.type, change.key])).toEqual([
        ["created", { member: "ada", id: "l1" }],
        ["created", { member: "ada", id: "l2" }],
        ["deleted", { member: "ada", id: "l1" }],
      ]);
    } finally {
      await local.close();
    }
  });

  it("refuses to start an app that declares collections when its wiring keeps none", async () => {
    const start = startLocalApp(app, () => ({ logger: silentLogger, services: async () => ({ loans: undefined as never, audit: [] }) }), {
      PORT: "0",
      SKYPORT_QUEUE_PATH: ":memory:",
    });
    await expect(start).rejects.toThrow("lending declares collections (loans), and its wiring gives the local server no documents to keep them in");
  });
});
