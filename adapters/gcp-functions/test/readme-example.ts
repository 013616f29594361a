import { defineApp, http, json, jsonLogger, queue } from "@skyport/core";
import { cloudLoggingFormat, readAdapterOptions, registerGcpFunctions } from "@skyport/gcp-functions";

type Services = { greeted: string[] };
const app = defineApp({
  name: "greeter",
  functions: {
    greetings: http((s: Services) => [{ path: "/greetings", methods: { GET: async () => json(200, s.greeted) } }]),
    greet: queue("greetings", { "greeting.requested": (s: Services) => async (event) => void s.greeted.push(String(event.name)) }),
  },
});
const logger = jsonLogger({ level: "warn", format: cloudLoggingFormat(process.env.GOOGLE_CLOUD_PROJECT) });
// What an app's wiring returns: a logger, and its services, built on the first invocation.
const instance = { logger, services: async (): Promise<Services> => ({ greeted: ["Ada"] }) };

// Each function registered with the framework by its declared name (`--entry-point=greetings`).
registerGcpFunctions(app, instance, readAdapterOptions(process.env));
