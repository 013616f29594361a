import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { serveFunction } from "../src/testing/index.js";
import "./readme-example.js";

it("README's example is readme-example.ts, as written", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const example = readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8");
  expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
});

it("README: an app's functions registered with the functions framework, by name", async () => {
  // Outside Cloud Functions, the framework's own server on loopback serves the function by its name.
  const server = await serveFunction("greetings");
  try {
    const response = await fetch(`${server.url}/greetings`);
    expect([response.status, await response.json()]).toEqual([200, ["Ada"]]);
  } finally {
    await server.close();
  }
});
