import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { hostHttpRequest, hostInvocationContext } from "../src/testing/index.js";
import { handlers } from "./readme-example.js";

it("README's example is readme-example.ts, as written", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const example = readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8");
  expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
});

it("README: an app's functions as the Azure host's handlers, by name", async () => {
  // Outside the host, a handler is driven with the library's own HttpRequest and InvocationContext.
  const response = await handlers.greetings!(
    hostHttpRequest({ method: "GET", path: "/greetings" }),
    hostInvocationContext({ functionName: "greetings", triggerType: "httpTrigger" }),
  );
  expect([response.status, JSON.parse(String(response.body))]).toEqual([200, ["Ada"]]);
});
