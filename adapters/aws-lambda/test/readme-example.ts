import { defineApp, http, json, jsonLogger, queue, schedule } from "@skyport/core";
import { lambdaHandler } from "@skyport/aws-lambda";

type Services = { greeted: string[] };
const app = defineApp({
  name: "greeter",
  functions: {
    api: http((s: Services) => [{ path: "/greetings", methods: { GET: async () => json(200, s.greeted) } }]),
    greet: queue("greetings", { "greeting.requested": (s: Services) => async (event) => void s.greeted.push(String(event.name)) }),
    tidy: schedule("every 1 day", (s: Services) => async () => ({ forgotten: s.greeted.splice(0).length })),
  },
});
const greeted: string[] = [];
// What an app's wiring returns: a logger, and its services, built on the first invocation.
const instance = { logger: jsonLogger({ level: "warn" }), services: async (): Promise<Services> => ({ greeted }) };

// One Lambda handler per function, by its declared name: each function's bundle exports one as `handler`.
export const api = lambdaHandler(app, "api", instance);
export const greet = lambdaHandler(app, "greet", instance);
export const tidy = lambdaHandler(app, "tidy", instance);
