import { defineApp, http, json, jsonLogger } from "@skyport/core";
import { readAdapterOptions, registerAzureFunctions } from "@skyport/azure-functions";

type Services = { greeted: string[] };
const app = defineApp({
  name: "greeter",
  functions: { greetings: http((s: Services) => [{ path: "/greetings", methods: { GET: async () => json(200, s.greeted) } }]) },
});
// What an app's wiring returns: a logger, and its services, built on the first invocation.
const instance = { logger: jsonLogger({ level: "warn" }), services: async (): Promise<Services> => ({ greeted: ["Ada"] }) };

// In the Functions host this registers `greetings` (app.http); elsewhere it warns and skips. Either way it returns the handlers.
export const handlers = registerAzureFunctions(app, instance, readAdapterOptions({ functionTimeout: "00:05:00" }, process.env));
