import { randomBytes } from "node:crypto";
import { documentsContract, freePort } from "@skyport/core/testing";
import { inject } from "vitest";
import { cosmosDocuments } from "../src/index.js";
import { emulatorAgent } from "../src/testing/index.js";

const server = inject("cosmos");

documentsContract(
  "cosmos",
  () => {
    // A database of its own: the suite's collections get random names too.
    const env = {
      SKYPORT_COSMOS_ENDPOINT: server.endpoint,
      SKYPORT_COSMOS_KEY: server.key,
      SKYPORT_COSMOS_DATABASE: `documents_${randomBytes(4).toString("hex")}`,
    };
    return {
      documents: cosmosDocuments(env, { agent: emulatorAgent() }),
      standInLimitations: {
        transactNotAtomic:
          "@vercel/cosmosdb-server runs a TransactionalBatch's operations one by one and keeps those before a failed one; " +
          "the service applies all or none (documents-translation.test.ts checks the batch sent)",
      },
    };
  },
  async () => cosmosDocuments({ SKYPORT_COSMOS_ENDPOINT: `https://127.0.0.1:${await freePort()}`, SKYPORT_COSMOS_KEY: server.key }, { agent: emulatorAgent() }),
);
