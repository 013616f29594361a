import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { IDEMPOTENCY_CONTAINER, ORDERS_CONTAINER } from "../src/index.js";

describe("container definitions", () => {
  it("are documented in the README exactly as the source defines them, for the Bicep template", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const block = /```json cosmos-containers\n([\s\S]*?)```/.exec(readme);
    expect(block, "the README has a ```json cosmos-containers block").not.toBeNull();
    const documented: unknown = JSON.parse(block![1]!);
    expect(documented).toEqual(JSON.parse(JSON.stringify({ orders: ORDERS_CONTAINER, idempotency: IDEMPOTENCY_CONTAINER })));
  });
});
