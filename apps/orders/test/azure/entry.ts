import type { HttpHandler, StorageQueueHandler, TimerHandler } from "@azure/functions";
import { registerAzureApp } from "@skyport/azure-functions";
import host from "../../host.json" with { type: "json" };
import app from "../../src/app.js";
import wiring from "../../src/azure.js";

/** What the built bundle's entry does (skyport build), from the sources: the handlers by name. */
export const handlers = registerAzureApp(app, wiring, host);
export const http = handlers.api as HttpHandler;
export const queue = handlers.confirm as StorageQueueHandler;
export const cleanup = handlers.cleanup as TimerHandler;
