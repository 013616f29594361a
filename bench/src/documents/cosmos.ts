import { randomBytes } from "node:crypto";
import type { Container, CosmosClient, OperationInput } from "@azure/cosmos";
import { STORED_FIELDS } from "@skyport/core";
import { emulatorAgent, emulatorEnv, startCosmosServer } from "@skyport/cosmos/testing";
// The client cosmosDocuments(env) makes, and its documents on a given client (neither is in the package's index).
import { cosmosClient } from "../../../adapters/cosmos/src/client.js";
import { documentsOn } from "../../../adapters/cosmos/src/documents/cosmos-documents.js";
import { type BenchDocument, type DocumentSide, PAGE, portableDeclaration, portableSide, RAW_LOCATION, rawDeclaration, type StorePair } from "./workload.js";

const { document: DOCUMENT, version: VERSION } = STORED_FIELDS;
/** The store's item: partitioned by p_tenant, ordered by s_id (the hex of the id's UTF-8 bytes and "."), the id as it is (the bench's ids need no escaping). */
const itemOf = (document: BenchDocument) => ({
  id: document.id,
  p_tenant: document.tenant,
  s_id: `${Buffer.from(document.id, "utf8").toString("hex")}.`,
  [VERSION]: randomBytes(12).toString("base64url"),
  [DOCUMENT]: JSON.stringify(document),
});
const documentOf = (item: Record<string, unknown>) => JSON.parse(item[DOCUMENT] as string) as BenchDocument;

/**
 * By hand with @azure/cosmos on the store's item layout. The version a hand-written app holds is the
 * item's `_etag`, so the conditional put is one replace IfMatch it (the portable side reads its
 * `$version` first, then replaces IfMatch the `_etag` it read).
 */
export function rawCosmos(container: Container): DocumentSide<string> {
  const etagOf = (etag: string | undefined) => etag ?? Promise.reject(new Error("Cosmos DB answered a write without an etag"));
  return {
    async get(tenant, id) {
      const { resource } = await container.item(id, tenant).read<Record<string, unknown>>();
      return resource && documentOf(resource);
    },
    create: async (document) => etagOf((await container.items.create(itemOf(document))).etag),
    async put(document, at) {
      const { etag } = await container.item(document.id, document.tenant).replace(itemOf(document), { accessCondition: { type: "IfMatch", condition: at } });
      return etagOf(etag);
    },
    async queryPage(tenant) {
      const query = {
        query: "SELECT TOP @top * FROM c WHERE c.p_tenant = @tenant ORDER BY c.s_id ASC",
        parameters: [
          { name: "@top", value: PAGE },
          { name: "@tenant", value: tenant },
        ],
      };
      const { resources } = await container.items.query<Record<string, unknown>>(query, { partitionKey: tenant, maxItemCount: PAGE }).fetchAll();
      return resources.map(documentOf);
    },
    async putMany(documents) {
      const operations: OperationInput[] = documents.map((document) => ({
        operationType: "Upsert",
        partitionKey: document.tenant,
        resourceBody: itemOf(document),
      }));
      const results = await container.items.executeBulkOperations(operations);
      if (results.some((result) => (result.response?.statusCode ?? 500) >= 300)) throw new Error("Cosmos DB refused an upsert of the bulk");
    },
  };
}

/** @vercel/cosmosdb-server; both sides on one client made as cosmosDocuments makes it, each in a container the store's ensure() made. */
export async function cosmosPair(): Promise<StorePair> {
  const server = await startCosmosServer();
  const env = emulatorEnv(server, "bench");
  const { client, databaseId }: { client: CosmosClient; databaseId: string } = cosmosClient(env, { agent: emulatorAgent() });
  const documents = documentsOn(client, databaseId, env);
  await documents.ensure([portableDeclaration, rawDeclaration]);
  return {
    store: "cosmos",
    on: "the Cosmos DB local server",
    portable: portableSide(documents.collection(portableDeclaration)),
    raw: rawCosmos(client.database(databaseId).container(RAW_LOCATION)),
    async stop() {
      await documents.close();
      await server.stop();
    },
  };
}
