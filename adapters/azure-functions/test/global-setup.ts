import type { TestProject } from "vitest/node";
import { startAzuriteQueue } from "../src/testing/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

/** Azurite's queue service for the publisher tests, stopped when the run ends. */
export default async function setup(project: TestProject) {
  const azurite = await startAzuriteQueue();
  project.provide("azuriteConnectionString", azurite.connectionString);
  return () => azurite.stop();
}
