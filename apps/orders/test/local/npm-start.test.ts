import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openSqliteStores } from "@skyport/sqlite";
import { temporaryDirectory } from "./temporary-directory.js";

const bundle = fileURLToPath(new URL("../../dist/local/server.mjs", import.meta.url));
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
    const { child, url } = await startBundle({ SKYPORT_SQLITE_PATH: database });
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
    const stores = openSqliteStores(database);
    expect(await stores.orders.get(JSON.parse(response.body).id)).toMatchObject({ customerId: "cus_term" });
    await stores.close();
  });

  it("logs one JSON line per request", async () => {
    const { child, url, lines } = await startBundle({ SKYPORT_SQLITE_PATH: join(dir, "log.db") });
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
    await expect(startBundle({ SKYPORT_SQLITE_PATH: join(dir, "x.db"), SKYPORT_RETENTION_DAYS: "soon" })).rejects.toThrow(
      /SKYPORT_RETENTION_DAYS must be an integer from 1 to 36500 \(got "soon"\)/,
    );
  });
});
