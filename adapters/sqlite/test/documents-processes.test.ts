import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { collection, DocumentExists } from "@skyport/core";
import { bundleChildScript } from "@skyport/core/testing";
import { beforeAll, expect, it } from "vitest";
import { openSqliteDocuments } from "../src/index.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
const writer = join(dir, "writer.mjs");

beforeAll(() => bundleChildScript(fileURLToPath(new URL("./documents-writer-process.ts", import.meta.url)), writer));

it("lets exactly one of two processes create each key of one file, the loser told DocumentExists, each seeing the other's writes", async () => {
  const path = join(dir, "two-processes.db");
  const count = 300;
  const documents = openSqliteDocuments(path);
  try {
    const raced = documents.collection(collection<{ member: string; id: string; by: string }>("raced", { key: ["member", "id"] }));
    // The file exists before the child opens it, so that neither creates it under the other.
    await raced.get({ member: "p", id: "none" });
    const child = spawn(process.execPath, [writer, path, "p", String(count)], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    let ready: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const childSays = (async () => {
      const lines: string[] = [];
      for await (const line of createInterface({ input: child.stdout })) {
        if (line === "ready") ready();
        else lines.push(line);
      }
      return lines;
    })();
    await started;

    const ours = new Map<string, "won" | "lost">();
    for (let i = 0; i < count; i++) {
      const id = `k-${i}`;
      const outcome = await raced.create({ member: "p", id, by: "parent" }).catch((error: unknown) => error);
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(DocumentExists);
      ours.set(id, outcome instanceof Error ? "lost" : "won");
      // Yield to the event loop, so that the child's stdout is read while we write.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exited).toBe(0);
    const theirs = new Map((await childSays).map((line) => [line.split(" ")[1]!, line] as const));
    // Which process wins how many keys depends on the machine's load; each key has exactly one winner.
    for (let i = 0; i < count; i++) {
      const id = `k-${i}`;
      const child = theirs.get(id);
      expect(child === `won ${id}` || child === `lost ${id} DocumentExists`, `${id}: ${child}`).toBe(true);
      const winner = ours.get(id) === "won" ? "parent" : "child";
      expect(child === `won ${id}`, id).toBe(winner === "child");
      expect((await raced.get({ member: "p", id }))?.value.by, id).toBe(winner);
    }
  } finally {
    await documents.close();
  }
});
