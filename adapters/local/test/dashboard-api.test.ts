import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineApp, jsonLogger, PoisonMessage, queue } from "@skyport/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalApp, startLocalApp } from "../src/index.js";

/** An app with one queue function: a job without a jobId is poison; a flaky job fails while `outage.on`; each job done is kept. */
function jobsApp(done: string[], outage: { on: boolean }) {
  const work = queue("jobs", {
    "job.requested": () => async (event) => {
      if (typeof event.jobId !== "string") throw new PoisonMessage("job.requested without a jobId");
      done.push(event.jobId);
    },
    "job.flaky": () => async (event) => {
      if (outage.on) throw new Error("the job's service is down");
      done.push(String(event.jobId));
    },
  });
  return defineApp({ name: "jobs-app", functions: { work } });
}

describe("the dashboard's JSON API", () => {
  const dir = mkdtempSync(join(tmpdir(), "skyport-dashboard-"));
  const done: string[] = [];
  const outage = { on: false };
  let local: LocalApp;
  let api: string;
  const post = (path: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(new URL(path, api), { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

  beforeAll(async () => {
    const wiring = () => ({ logger: jsonLogger({ level: "info" }), services: async () => ({}) });
    local = await startLocalApp(jobsApp(done, outage), wiring, {
      PORT: "0",
      SKYPORT_DASHBOARD_PORT: "0",
      SKYPORT_QUEUE_PATH: join(dir, "queues.db"),
      SKYPORT_DEAD_LETTER_FILE: join(dir, "dead-letters.jsonl"),
    });
    api = new URL("api/", local.dashboardUrl).href;
  });
  afterAll(async () => {
    await local?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists the functions, each with its trigger", async () => {
    const app = await (await fetch(new URL("app", api))).json();
    expect(app).toEqual({
      name: "jobs-app",
      url: null,
      functions: [{ name: "work", kind: "queue", trigger: { topic: "jobs", types: ["job.requested", "job.flaky"] } }],
    });
  });

  it("answers bad input with an RFC 9457 problem naming what is wrong", async () => {
    const response = await post("functions/work/fire", { event: "not an event" });
    expect([response.status, response.headers.get("content-type")]).toEqual([400, "application/problem+json"]);
    expect(await response.json()).toEqual({
      type: "https://skyport.dev/problems/dashboard/bad-input",
      title: "Bad input",
      status: 400,
      detail: 'a queue event is an object with a "type"',
    });
    expect((await post("functions/nothing/fire", {})).status).toBe(404);
    expect((await post("functions/work/fire", "{not json")).status).toBe(400);
    expect((await fetch(new URL("logs?level=loud", api))).status).toBe(400);
    expect((await fetch(new URL("functions/work/fire", api))).status).toBe(405);
  });

  it("refuses a post that is not JSON, and a request through another host name", async () => {
    expect((await post("functions/work/fire", "event=1", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    // fetch keeps its own Host header: node:http sends the one a rebound name would carry.
    const url = new URL("app", api);
    const foreign = new Promise<number>((resolve, reject) =>
      get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: `attacker.example:${url.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on("error", reject),
    );
    expect(await foreign).toBe(403);
  });

  it("keeps a poison message's dead letter with its error, and replays it corrected", async () => {
    const fired = (await (await post("functions/work/fire", { event: { type: "job.requested" } })).json()) as { failed: unknown[] };
    expect(fired.failed).toEqual([expect.objectContaining({ retryable: false })]);
    const [letter, ...others] = (await (await fetch(new URL("dead-letters", api))).json()) as [{ message: { id: string } }, ...unknown[]];
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ index: 0, topic: "jobs", reason: "poison", message: { attempt: 1 }, error: { message: "job.requested without a jobId" } });

    expect((await post("dead-letters/3/replay", {})).status).toBe(404);
    expect((await post("dead-letters/0/replay", { id: "another-message" })).status).toBe(409);
    expect((await post("dead-letters/0/replay", { id: letter.message.id, body: 7 })).status).toBe(400);
    const replayed = await post("dead-letters/0/replay", { id: letter.message.id, body: JSON.stringify({ type: "job.requested", jobId: "job-7" }) });
    expect(replayed.status).toBe(200);
    await local.queue("jobs").drain();
    expect(done).toEqual(["job-7"]);
    expect(await (await fetch(new URL("dead-letters", api))).json()).toEqual([]);
  });

  it("shows a message that failed waiting in the queue file for its next attempt, gone once handled", async () => {
    outage.on = true;
    const fired = (await (await post("functions/work/fire", { event: { type: "job.flaky", jobId: "job-8" } })).json()) as { failed: unknown[] };
    expect(fired.failed).toEqual([expect.objectContaining({ retryable: true })]);
    const { messages } = (await (await fetch(new URL("waiting", api))).json()) as { messages: unknown[] };
    expect(messages).toEqual([expect.objectContaining({ topic: "jobs", consumer: "work", attempt: expect.any(Number) })]);
    expect((messages[0] as { attempt: number }).attempt).toBeGreaterThan(1);
    outage.on = false;
    await local.queue("jobs").drain();
    expect(done).toContain("job-8");
    expect(((await (await fetch(new URL("waiting", api))).json()) as { messages: unknown[] }).messages).toEqual([]);
  });

  it("serves its page, scripts and styles, and nothing else", async () => {
    const page = await fetch(local.dashboardUrl!);
    expect([page.status, page.headers.get("content-security-policy")]).toEqual([200, expect.stringContaining("default-src 'self'")]);
    expect((await fetch(new URL("main.js", local.dashboardUrl))).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await fetch(new URL("../package.json", new URL("views/", local.dashboardUrl)))).status).toBe(404);
  });
});
