import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dir = mkdtempSync(join(tmpdir(), "skyport-dead-letters-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const list = (file: string) =>
  promisify(execFile)("npm", ["run", "--silent", "dead-letters", "--", file], { cwd: repo, env: { ...process.env, INIT_CWD: repo } });

describe("npm run dead-letters lists what the local server dead-lettered", () => {
  it("one line per letter, oldest first: when, topic, why, message id, attempt and body", async () => {
    const file = join(dir, "letters.jsonl");
    const letter = (id: string, reason: string, at: string) => ({ topic: "orders", reason, at, message: { id, body: '{"type":"order.created"}', attempt: 1 } });
    writeFileSync(
      file,
      [letter("m1", "poison", "2026-11-27T10:00:00.000Z"), letter("m2", "attempts exhausted", "2026-11-27T10:01:00.000Z")]
        .map((l) => `${JSON.stringify(l)}\n`)
        .join(""),
    );
    const { stdout } = await list(file);
    expect(stdout.trim().split("\n")).toEqual([
      '2026-11-27T10:00:00.000Z  orders  poison  m1  attempt 1  {"type":"order.created"}',
      '2026-11-27T10:01:00.000Z  orders  attempts exhausted  m2  attempt 1  {"type":"order.created"}',
    ]);
  });

  it("says so when there are none", async () => {
    const { stdout } = await list(join(dir, "none.jsonl"));
    expect(stdout.trim()).toBe(`no dead letters in ${join(dir, "none.jsonl")}`);
  });
});
