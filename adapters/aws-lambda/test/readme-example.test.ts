// The example of README.md, run as a test: keep the two identical.
import { expect, it } from "vitest";
import { defineApp, http, json, jsonLogger, queue, schedule } from "@skyport/core";
import { lambdaHandler } from "@skyport/aws-lambda";
import { httpApiEvent, lambdaContext, scheduledEvent, sqsEvent } from "@skyport/aws-lambda/testing";

it("README: an app's functions as Lambda handlers, by name", async () => {
  const greeted: string[] = [];
  const app = defineApp({
    name: "greeter",
    functions: {
      api: http((s: { greeted: string[] }) => [{ path: "/greetings", methods: { GET: async () => json(200, s.greeted) } }]),
      greet: queue("greetings", { "greeting.requested": (s: { greeted: string[] }) => async (event) => void s.greeted.push(String(event.name)) }),
      tidy: schedule("every 1 day", (s: { greeted: string[] }) => async () => ({ forgotten: s.greeted.splice(0).length })),
    },
  });
  const instance = { logger: jsonLogger({ level: "warn" }), services: async () => ({ greeted }) }; // apps build this once per instance

  // One handler per Lambda function; each translates its trigger's events both ways.
  const api = lambdaHandler(app, "api", instance);
  const greet = lambdaHandler(app, "greet", instance);
  const tidy = lambdaHandler(app, "tidy", instance);

  const batch = sqsEvent([{ id: "m1", body: JSON.stringify({ type: "greeting.requested", name: "Ada" }) }, { id: "m2", body: "not json" }]);
  expect(await greet(batch, lambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: "m2" }] });
  const listed = (await api(httpApiEvent({ method: "GET", path: "/greetings" }), lambdaContext())) as { statusCode: number; body: string };
  expect([listed.statusCode, JSON.parse(listed.body)]).toEqual([200, ["Ada"]]);
  expect(await tidy(scheduledEvent(), lambdaContext())).toEqual({ forgotten: 1 });
});
