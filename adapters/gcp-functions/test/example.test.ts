import { expect, it } from "vitest";

// The example of README.md, as written there.
it("runs the README's example", async () => {
  const { defineApp, http, json, jsonLogger, queue } = await import("@skyport/core");
  const { cloudLoggingFormat, readAdapterOptions, registerGcpFunctions } = await import("../src/index.js");
  const { serveFunction } = await import("../src/testing/index.js");

  type Services = { greeted: string[] };
  const app = defineApp({
    name: "greeter",
    functions: {
      greetings: http((s: Services) => [{ path: "/greetings", methods: { GET: async () => json(200, s.greeted) } }]),
      greet: queue("greetings", { "greeting.requested": (s: Services) => async (event) => void s.greeted.push(String(event.name)) }),
    },
  });
  const logger = jsonLogger({ level: "info", format: cloudLoggingFormat(process.env.GOOGLE_CLOUD_PROJECT), write: () => {} });
  const services: Services = { greeted: ["Ada"] };
  registerGcpFunctions(app, { logger, services: async () => services }, readAdapterOptions(process.env));

  // Outside Cloud Functions, the framework's own server on loopback:
  const server = await serveFunction("greetings");
  const response = await fetch(`${server.url}/greetings`);
  // response.status === 200, body ["Ada"]
  await server.close();

  expect([response.status, await response.json()]).toEqual([200, ["Ada"]]);
});
