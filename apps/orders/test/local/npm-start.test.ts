import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, utimesSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "@skyport/core/testing";
import { orderStoresOn } from "@skyport/core/orders";
import { openSqliteDocuments } from "@skyport/sqlite";
import { descendantsOf, portOpen, running } from "./processes.js";
import { temporaryDirectory } from "./temporary-directory.js";

const bundle = fileURLToPath(new URL("../../dist/local/server.mjs", import.meta.url));
const repository = fileURLToPath(new URL("../../../..", import.meta.url));
const dir = temporaryDirectory();

/** Starts the bundle `npm start` runs and resolves with its URL once it logs that it listens. */
function startBundle(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first (npm test's pretest does)`);
  const child = spawn(process.execPath, [bundle], { env: { PATH: process.env.PATH, PORT: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      const entry = JSON.parse(line);
      if (entry.message === "listening") resolve({ child, url: entry.url, lines });
    });
    child.stderr!.on("data", (chunk) => lines.push(String(chunk)));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${lines.join("\n")}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("npm start (the built local server)", () => {
  it("on SIGTERM stops accepting, finishes the request in flight, and closes the database", async () => {
    const database = join(dir, "shutdown.db");
    const queues = join(dir, "shutdown-queues.db");
    const { child, url } = await startBundle({ SKYPORT_SQLITE_PATH: database, SKYPORT_QUEUE_PATH: queues });
    const body = Buffer.from(JSON.stringify({ customerId: "cus_term", items: [{ sku: "A", quantity: 1, unitPrice: 7 }], currency: "EUR" }));

    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${url}/orders`, { method: "POST", headers: { "content-type": "application/json", "content-length": body.length } }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on("error", reject);
      req.write(body.subarray(0, 10)); // the request is in flight when the signal arrives
      setTimeout(() => {
        child.kill("SIGTERM");
        setTimeout(() => req.end(body.subarray(10)), 300);
      }, 200);
    });
    const code = exited(child);

    const response = await answer;
    expect(response.status).toBe(201);
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    expect(await code).toBe(0);

    expect(existsSync(`${database}-wal`), "a closed database leaves no WAL file behind").toBe(false);
    expect(existsSync(`${queues}-wal`), "nor does the closed queue file").toBe(false);
    const stores = orderStoresOn(openSqliteDocuments(database));
    expect(await stores.orders.get(JSON.parse(response.body).id)).toMatchObject({ customerId: "cus_term" });
    await stores.close();
  });

  it("logs one JSON line per request", async () => {
    const { child, url, lines } = await startBundle({ SKYPORT_SQLITE_PATH: join(dir, "log.db"), SKYPORT_QUEUE_PATH: join(dir, "log-queues.db") });
    await fetch(`${url}/health`, { headers: { "x-request-id": "trace-me-1" } });
    await fetch(`${url}/nope`);
    child.kill("SIGTERM");
    await exited(child);
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.message === "request");
    expect(requests).toEqual([
      expect.objectContaining({ level: "info", requestId: "trace-me-1", method: "GET", path: "/health", status: 200, latencyMs: expect.any(Number) }),
      expect.objectContaining({ method: "GET", path: "/nope", status: 404 }),
    ]);
  });

  it("exits with the variable's name when a setting is wrong", async () => {
    await expect(
      startBundle({ SKYPORT_SQLITE_PATH: join(dir, "x.db"), SKYPORT_QUEUE_PATH: join(dir, "x-queues.db"), SKYPORT_RETENTION_DAYS: "soon" }),
    ).rejects.toThrow(/SKYPORT_RETENTION_DAYS must be an integer from 1 to 36500 \(got "soon"\)/);
  });
});

/** `npm start` as a user runs it, at the repository's root; resolves once /health answers 200. */
async function npmStart(timeoutMs: number) {
  const port = await freePort();
  const started = performance.now();
  const npm = spawn("npm", ["start"], {
    cwd: repository,
    env: {
      ...process.env,
      PORT: String(port),
      SKYPORT_SQLITE_PATH: join(dir, `npm-start-${port}.db`),
      SKYPORT_DEAD_LETTER_FILE: join(dir, `dead-${port}.jsonl`),
      SKYPORT_QUEUE_PATH: join(dir, `queues-${port}.db`),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  npm.stdout!.on("data", (chunk) => output.push(String(chunk)));
  npm.stderr!.on("data", (chunk) => output.push(String(chunk)));
  const exit = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  // Every pipe closed: the server (npm's grandchild) holds them too, and its last lines may come in after npm's exit.
  const closed = new Promise<void>((resolve) => npm.once("close", () => resolve()));
  while (performance.now() - started < timeoutMs) {
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { npm, port, exit, closed, output, readyMs: performance.now() - started };
    if (npm.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  npm.kill("SIGKILL");
  throw new Error(`npm start did not serve /health within ${timeoutMs} ms:\n${output.join("")}`);
}

describe("npm start (through npm, as a user runs it)", () => {
  // A failing test must not leave its server behind (the bug this guards against would).
  const started: { pid: number }[] = [];
  afterEach(() => {
    for (const { pid } of started.splice(0)) if (running(pid)) process.kill(pid, "SIGKILL");
  });

  it.each(["SIGTERM", "SIGINT"] as const)("%s to npm's process shuts the server down: the port closes and no node is left", async (signal) => {
    const { npm, port, exit, closed, output } = await npmStart(60_000); // may build first, when a source changed
    const servers = descendantsOf(npm.pid!).filter((p) => /\bnode\b/.test(p.command));
    started.push(...servers);
    expect(servers.length, "npm runs the server as its child").toBeGreaterThan(0);

    npm.kill(signal); // to npm alone, as a process manager or `kill` sends it
    await exit;
    // Its output read to the end, or 5 s: a server that outlives npm keeps the pipes open, and fails below.
    await Promise.race([closed, new Promise((r) => setTimeout(r, 5_000))]);

    expect(await portOpen(port), "the port is closed").toBe(false);
    expect(
      servers.filter((p) => running(p.pid)),
      "no node outlives npm",
    ).toEqual([]);
    expect(output.join("")).toContain(`"message":"shutting down","signal":"${signal}"`);
  });

  // What makes a second start quick is that nothing is rebuilt; its time is a figure (README), not a bound a loaded machine could break.
  it("serves /health on a second start from the built tree, rebuilding nothing", async () => {
    const { npm, exit, output, readyMs } = await npmStart(10_000);
    started.push(...descendantsOf(npm.pid!));
    npm.kill("SIGTERM");
    await exit;
    expect(output.join(""), "nothing is rebuilt").toContain("is up to date");
    console.info(`npm start on the built tree: /health answered after ${Math.round(readyMs)} ms`);
  });
});

// In this file, not beside it: its restarts must not compete with the second start above.
// npm run dev runs a copy of the bundle, dist/dev/<n>/server.mjs (skyport dev).
const serverOf = (pid: number) => descendantsOf(pid).find((p) => /dist\/dev\/\d+\/server\.mjs$/.test(p.command));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    const value = await probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe("npm run dev", () => {
  it("restarts the server when its bundle is rebuilt, and stops it with itself", async () => {
    const port = await freePort();
    const dev = spawn("npm", ["run", "dev"], {
      cwd: repository,
      env: {
        ...process.env,
        PORT: String(port),
        SKYPORT_SQLITE_PATH: join(dir, "dev.db"),
        SKYPORT_DEAD_LETTER_FILE: join(dir, "dead.jsonl"),
        SKYPORT_QUEUE_PATH: join(dir, "dev-queues.db"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    dev.stdout!.on("data", (chunk) => output.push(String(chunk)));
    dev.stderr!.on("data", (chunk) => output.push(String(chunk)));
    const exited = new Promise((resolve) => dev.once("exit", resolve));
    const healthy = () =>
      fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok || undefined,
        () => undefined,
      );
    try {
      await until("it serves /health", healthy, 60_000);
      const first = serverOf(dev.pid!)!;
      expect(first).toBeDefined();

      // What a rebuild after a source change does to the bundle (without changing a source others build from).
      const now = new Date();
      utimesSync(bundle, now, now);
      const second = await until("a new server runs", () => {
        const server = serverOf(dev.pid!);
        return server && server.pid !== first.pid ? server : undefined;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; npm run dev printed:\n${output.join("")}`);
      });
      await until("the new server serves /health", healthy);
      expect(running(first.pid), "the old server is gone").toBe(false);
      expect(output.join("")).toContain("[dev] restarting the server");

      dev.kill("SIGTERM");
      await exited;
      await new Promise((r) => setTimeout(r, 100));
      expect(running(second.pid), "no server outlives npm run dev").toBe(false);
      expect(await portOpen(port)).toBe(false);
    } finally {
      for (const p of descendantsOf(dev.pid!)) if (running(p.pid)) process.kill(p.pid, "SIGKILL");
      if (dev.exitCode === null) dev.kill("SIGKILL");
    }
  }, 90_000);
});
