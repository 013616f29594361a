import type { TestProject } from "vitest/node";
import { startCosmosServer } from "../src/testing/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    cosmos: { endpoint: string; key: string };
  }
}

/** One local Cosmos DB server for the whole project; each test file makes its own database. */
export default async function setup(project: TestProject) {
  const server = await startCosmosServer();
  project.provide("cosmos", { endpoint: server.endpoint, key: server.key });
  return () => server.stop();
}
