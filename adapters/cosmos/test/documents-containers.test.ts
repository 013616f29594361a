import { randomBytes } from "node:crypto";
import { collection, StoreUnavailable } from "@skyport/core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ContainerKeyMismatch, cosmosDocuments } from "../src/index.js";
import { emulatorAgent, emulatorClient } from "../src/testing/index.js";

const server = inject("cosmos");
const envFor = (database: string, extra: Record<string, string> = {}) => ({
  SKYPORT_COSMOS_ENDPOINT: server.endpoint,
  SKYPORT_COSMOS_KEY: server.key,
  SKYPORT_COSMOS_DATABASE: database,
  ...extra,
});
const unique = () => `c${randomBytes(4).toString("hex")}`;

interface Loan {
  member: string;
  id: string;
  bookId?: string;
}

describe("cosmos documents: containers", () => {
  const client = emulatorClient(server);
  afterAll(() => client.dispose());

  it("answers StoreUnavailable, never 'not found', when the database or the container is not there", async () => {
    const loans = collection<Loan>(`loans-${unique()}`, { key: ["member", "id"] });
    const database = `documents_${unique()}`;
    const documents = cosmosDocuments(envFor(database), { agent: emulatorAgent() });
    try {
      const missing = documents.collection(loans);
      const calls = [
        () => missing.get({ member: "ada", id: "x" }),
        () => missing.put({ member: "ada", id: "x" }),
        () => missing.create({ member: "ada", id: "x" }),
        () => missing.delete({ member: "ada", id: "x" }),
        () => missing.query({ where: { member: "ada" } }),
        () => missing.transact([{ delete: { member: "ada", id: "x" } }]),
      ];
      // No database.
      for (const call of calls) await expect(call()).rejects.toBeInstanceOf(StoreUnavailable);
      // A database without the container.
      await client.databases.createIfNotExists({ id: database });
      for (const call of calls) await expect(call()).rejects.toBeInstanceOf(StoreUnavailable);
      const [outcome] = await missing.putMany([{ member: "ada", id: "x" }]);
      expect((outcome as { error: Error }).error).toBeInstanceOf(StoreUnavailable);
    } finally {
      await documents.close();
    }
  });

  it("ensure refuses a container made for another key, naming the difference, and adds a missing index and TTL", async () => {
    const name = `loans-${unique()}`;
    const location = `container-${unique()}`;
    const env = envFor(`documents_${unique()}`, { [`SKYPORT_COLLECTION_${name.toUpperCase().replace(/-/g, "_")}`]: location });
    const documents = cosmosDocuments(env, { agent: emulatorAgent() });
    try {
      await documents.ensure([collection<Loan>(name, { key: ["member", "id"] })]);
      const byBook = collection<Loan & { expiresAt?: string }>(name, { key: ["member", "id"], indexes: { "by-book": ["bookId"] }, expiresAt: "expiresAt" });
      await documents.ensure([byBook]);
      const { resource } = await client.database(env.SKYPORT_COSMOS_DATABASE).container(location).read();
      expect(resource?.defaultTtl).toBe(-1);
      expect(resource?.indexingPolicy?.includedPaths?.map(({ path }) => path)).toEqual(expect.arrayContaining(["/i_by_book/?", "/o_by_book/?", "/exp/?"]));
      await documents.collection(byBook).put({ member: "ada", id: "1", bookId: "b" });
      expect((await documents.collection(byBook).query({ index: "by-book", where: { bookId: "b" } })).items).toHaveLength(1);

      const refused = await documents.ensure([collection<{ handle: string }>(name, { key: ["handle"] })]).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ContainerKeyMismatch);
      expect((refused as Error).message).toContain("partitioned by member");
      expect((refused as Error).message).toContain("handle");
    } finally {
      await documents.close();
    }
  });
});
