import { randomBytes } from "node:crypto";
import { QueueClient } from "@azure/storage-queue";
import { orderStoresOn } from "@skyport/core/orders";
import { cosmosDocuments } from "@skyport/cosmos";
import { emulatorAgent } from "@skyport/cosmos/testing";
import { inject, vi } from "vitest";

export type AppSettings = Record<string, string>;

/** The Function App's settings against the emulators, each test file on a queue of its own. */
export async function appSettings(overrides: AppSettings = {}): Promise<AppSettings> {
  const azure = inject("azure");
  const queueName = `orders-${randomBytes(4).toString("hex")}`;
  await new QueueClient(azure.storageConnectionString, queueName).create();
  return {
    SKYPORT_STORE: "cosmos",
    SKYPORT_COSMOS_ENDPOINT: azure.cosmosEndpoint,
    SKYPORT_COSMOS_KEY: azure.cosmosKey,
    SKYPORT_COSMOS_DATABASE: azure.database,
    SKYPORT_TOPIC_ORDERS: queueName,
    SKYPORT_STORAGE_CONNECTION_STRING: azure.storageConnectionString,
    SKYPORT_LOG_LEVEL: "error",
    ...overrides,
  };
}

/** The queue the app publishes to, and its `-poison` sibling, as the host sees them. */
export function appQueues(settings: AppSettings) {
  return {
    queue: new QueueClient(settings.SKYPORT_STORAGE_CONNECTION_STRING!, settings.SKYPORT_TOPIC_ORDERS!),
    poisonQueue: new QueueClient(settings.SKYPORT_STORAGE_CONNECTION_STRING!, `${settings.SKYPORT_TOPIC_ORDERS}-poison`),
  };
}

/**
 * Loads the Azure entry module afresh, as the worker loads the app with these settings in the
 * environment; the module reads them while it loads.
 */
export async function loadAzureEntry(settings: AppSettings) {
  vi.resetModules();
  const saved = { ...process.env };
  Object.assign(process.env, settings);
  try {
    return await import("./entry.js");
  } finally {
    for (const name of Object.keys(settings)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

/** A second client on the app's database, to seed and read orders behind the app's back. */
export function storesOf(settings: AppSettings) {
  return orderStoresOn(cosmosDocuments(settings, { agent: emulatorAgent() }));
}
