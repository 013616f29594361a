import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { httpApiEvent, lambdaContext, scheduledEvent, sqsEvent } from "@skyport/aws-lambda/testing";
import { api, greet, tidy } from "./readme-example.js";

it("README's example is readme-example.ts, as written", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const example = readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8");
  expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
});

it("README: an app's functions as Lambda handlers, by name", async () => {
  const batch = sqsEvent([
    { id: "m1", body: JSON.stringify({ type: "greeting.requested", name: "Ada" }) },
    { id: "m2", body: "not json" },
  ]);
  expect(await greet(batch, lambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: "m2" }] });
  const listed = (await api(httpApiEvent({ method: "GET", path: "/greetings" }), lambdaContext())) as { statusCode: number; body: string };
  expect([listed.statusCode, JSON.parse(listed.body)]).toEqual([200, ["Ada"]]);
  expect(await tidy(scheduledEvent(), lambdaContext())).toEqual({ forgotten: 1 });
});
