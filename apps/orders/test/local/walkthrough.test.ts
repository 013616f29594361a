import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer } from "./local-server.js";
import { temporaryDirectory } from "./temporary-directory.js";

const README = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
const run = promisify(execFile);

interface Step {
  command: string;
  /** The status README's comment on the command names, for a command that prints the response's headers (curl -si). */
  status?: number;
}

/** The commands of README's "Try it" block as written, but for `npm start` itself, each with the status its comment names. */
function walkthrough(): Step[] {
  const section = README.slice(README.indexOf("## Try it"));
  const block = section.slice(section.indexOf("```sh\n") + 6, section.indexOf("\n```", section.indexOf("```sh\n")));
  const steps: Step[] = [];
  let pending = "";
  let last: Step | undefined;
  for (const line of block.split("\n")) {
    if (line.trim() === "") last = undefined; // a comment after a blank line is about the next command
    if (line.trim() === "" || line === "npm ci && npm start" || line.startsWith("# in another terminal")) continue;
    if (line.startsWith("#")) {
      if (last && last.status === undefined && last.command.startsWith("curl -si")) last.status = statusIn(line.slice(1));
      continue;
    }
    const at = commentAt(line);
    pending += at === -1 ? line : line.slice(0, at);
    if (pending.trimEnd().endsWith("\\")) {
      pending = `${pending.trimEnd().slice(0, -1)} `;
      continue;
    }
    last = { command: pending.trim() };
    if (at !== -1 && last.command.startsWith("curl -si")) last.status = statusIn(line.slice(at + 2));
    steps.push(last);
    pending = "";
  }
  return steps;
}

/** Where a shell comment starts: a ` #` outside quotes. */
function commentAt(line: string): number {
  let single = false;
  let double = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "'" && !double) single = !single;
    else if (line[i] === '"' && !single) double = !double;
    else if (line[i] === "#" && line[i - 1] === " " && !single && !double) return i - 1;
  }
  return -1;
}

function statusIn(comment: string): number | undefined {
  const status = /^\s*([1-5]\d\d)\b/.exec(comment)?.[1];
  return status === undefined ? undefined : Number(status);
}

describe("README's walkthrough, against a started local server", () => {
  const dir = temporaryDirectory();
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  beforeAll(async () => {
    server = await startLocalServer({
      PORT: "0",
      SKYPORT_SQLITE_PATH: join(dir, "walkthrough.db"),
      SKYPORT_DEAD_LETTER_FILE: join(dir, "dead-letters.jsonl"),
      SKYPORT_QUEUE_PATH: join(dir, "queues.db"),
      SKYPORT_LOG_LEVEL: "error",
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The walkthrough in one bash, as a reader pastes it: each command's output apart, and the order id it worked on. */
  async function runOnce(steps: Step[]) {
    const origin = new URL(server.url).host;
    const script = [
      "set -euo pipefail",
      ...steps.flatMap((step, i) => [`printf '\\n@@step %d@@\\n' ${i}`, step.command.replaceAll("localhost:3000", origin)]),
      `printf '\\n@@id %s@@\\n' "$ID"`,
    ].join("\n");
    const { stdout } = await run("bash", ["-c", script], { cwd: dir, timeout: 30_000 });
    const outputs = stdout.split(/\n@@step \d+@@\n/).slice(1);
    const id = /@@id (\S+)@@/.exec(stdout)?.[1];
    return { outputs, id };
  }

  it("reads a runnable block: every command that prints headers names its status", () => {
    const steps = walkthrough();
    expect(steps.length).toBeGreaterThanOrEqual(12);
    expect(steps.filter((s) => s.command.startsWith("curl -si")).every((s) => s.status !== undefined)).toBe(true);
    expect(steps.map((s) => s.command).join("\n")).not.toMatch(/<\w+>|ord_\.\.\./); // no placeholder left to fill in
  });

  it("runs twice in a row as written, each run answering what its comments say", async () => {
    const steps = walkthrough();
    const ids: string[] = [];
    for (const round of [1, 2]) {
      const { outputs, id } = await runOnce(steps);
      expect(outputs).toHaveLength(steps.length);
      steps.forEach((step, i) => {
        if (step.status === undefined) return;
        expect(/^HTTP\/1\.1 (\d{3})/.exec(outputs[i]!)?.[1], `run ${round}: ${step.command}\n${outputs[i]}`).toBe(String(step.status));
      });
      const created = outputs[steps.findIndex((s) => s.command.includes('"idempotency-key: $KEY"'))]!;
      expect(/^location: \/orders\/(\S+)\r$/im.exec(created)?.[1], `run ${round}: $ID is the order the first POST created`).toBe(id);
      expect(created, `run ${round}: the first POST creates`).not.toMatch(/^idempotent-replayed:/im);
      const replay = outputs[steps.findLastIndex((s) => s.command.includes('"idempotency-key: $KEY"'))]!;
      expect(replay, `run ${round}: the replay`).toMatch(/^idempotent-replayed: true\r$/im);
      const read = JSON.parse(outputs[steps.findIndex((s) => s.command.startsWith("curl -s localhost:3000/orders/$ID"))]!);
      expect(read, `run ${round}: the order read back`).toMatchObject({ id, status: "confirmed", version: 2 });
      const nextPage = JSON.parse(outputs[steps.findIndex((s) => s.command.includes("cursor=$CURSOR"))]!);
      expect(
        nextPage.items.map((o: { id: string }) => o.id),
        `run ${round}: the page after the cursor`,
      ).toEqual([id]);
      ids.push(id!);
    }
    expect(new Set(ids).size, "each run works on an order of its own").toBe(2);
  }, 60_000);
});
