import type { TestProject } from "vitest/node";
import { startAzuriteBlob, startAzuriteQueue } from "../src/testing/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
    azuriteBlobConnectionString: string;
  }
}

/** Azurite's queue service for the publisher tests and its blob service for the import, stopped when the run ends. */
export default async function setup(project: TestProject) {
  const [azurite, blob] = await Promise.all([startAzuriteQueue(), startAzuriteBlob()]);
  project.provide("azuriteConnectionString", azurite.connectionString);
  // The blob service for the object store and the import (issue 14).
  project.provide("azuriteBlobConnectionString", blob.connectionString);
  return () => Promise.all([azurite.stop(), blob.stop()]);
}
