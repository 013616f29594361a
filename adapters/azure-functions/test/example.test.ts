import { defineApp, http, json, jsonLogger } from "@skyport/core";
import { expect, it } from "vitest";
import { registerAzureFunctions } from "../src/index.js";
import { hostHttpRequest, hostInvocationContext } from "../src/testing/index.js";

// The README's example, run as written.
it("serves an app's functions through the Azure host's handlers", async () => {
  type Services = { greeted: string[] };
  const app = defineApp({
    name: "greeter",
    functions: { greetings: http((s: Services) => [{ path: "/greetings", methods: { GET: async () => json(200, s.greeted) } }]) },
  });
  const instance = { logger: jsonLogger({ level: "info" }), services: async (): Promise<Services> => ({ greeted: ["Ada"] }) };
  // In the Functions host this registers `greetings`; elsewhere it warns and skips. Either way it returns the handlers.
  const handlers = registerAzureFunctions(app, instance, { logLevel: "info", maxDequeueCount: 5, functionTimeoutMs: 300_000 });

  const response = await handlers.greetings!(
    hostHttpRequest({ method: "GET", path: "/greetings" }),
    hostInvocationContext({ functionName: "greetings", triggerType: "httpTrigger" }),
  );
  expect([response.status, JSON.parse(String(response.body))]).toEqual([200, ["Ada"]]);
});
