import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type IncomingMessage, request as httpRequest } from "node:http";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKYPORT_BIN, temporaryWorkspace } from "./temporary-workspace.js";

/** Polls `probe` until it returns a value (other helpers' edits may restart the server meanwhile); undefined when it never does. */
async function eventually<T>(probe: () => Promise<T | undefined>, tries = 120, everyMs = 250): Promise<T | undefined> {
  for (let i = 0; i < tries; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return undefined;
}

describe("skyport dev in a new app's folder: its local server, rebuilt and restarted on change", () => {
  const root = temporaryWorkspace();
  const appDir = join(root, "apps/demo");
  const services = join(appDir, "src/services.ts");
  let dev: ChildProcess;
  let url: string | undefined; // the last server's: PORT=0 gives each start a port of its own
  const output: string[] = [];

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [SKYPORT_BIN, "new", "demo"], { cwd: root, env: { ...process.env, INIT_CWD: root } });
    dev = spawn(process.execPath, [SKYPORT_BIN, "dev"], { cwd: appDir, env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    dev.stderr?.on("data", (chunk) => output.push(String(chunk)));
    createInterface({ input: dev.stdout! }).on("line", (line) => {
      output.push(line);
      if (line.includes('"message":"listening"')) url = JSON.parse(line).url;
    });
  }, 120_000);
  afterAll(async () => {
    if (dev?.exitCode === null) {
      dev.kill("SIGTERM");
      await once(dev, "exit");
    }
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  /** GET /hello's message once the server answers with `expected`. */
  const greeting = (expected: string) =>
    eventually(async () => {
      const { message } = (await (await fetch(`${url}/hello`)).json()) as { message: string };
      return message === expected ? message : undefined;
    });

  /** An editor's safe write: the new text goes to a file beside, which is then renamed over the source. */
  function saveByRename(file: string, from: string, to: string) {
    const text = readFileSync(file, "utf8");
    expect(text).toContain(from);
    writeFileSync(`${file}.tmp`, text.replace(from, to));
    renameSync(`${file}.tmp`, file);
  }

  it("serves the app from its folder, GET /health included", async () => {
    expect(await greeting("Hello, world!"), output.join("\n")).toBe("Hello, world!");
    const health = await fetch(`${url}/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
  });

  it("a source replaced by rename rebuilds and restarts it, at every save of the same file", async () => {
    // Node 20's recursive fs.watch loses a file after it was replaced a few times (here, the third or the fourth save).
    for (const [from, to] of [
      ["Hello", "Howdy"],
      ["Howdy", "Ahoy"],
      ["Ahoy", "Hey"],
      ["Hey", "Hiya"],
      ["Hiya", "Hi"],
    ]) {
      saveByRename(services, `"${from}"`, `"${to}"`);
      expect(await greeting(`${to}, world!`), output.join("\n")).toBe(`${to}, world!`);
    }
  });

  it("a build that fails keeps the last server running, and the fix restarts it", async () => {
    saveByRename(services, '"Hi"', '"Hi" +');
    expect(await eventually(async () => (output.join("\n").includes("[dev] the server keeps running the last build") ? true : undefined))).toBe(true);
    expect(await greeting("Hi, world!")).toBe("Hi, world!");
    saveByRename(services, '"Hi" +', '"Hey"');
    expect(await greeting("Hey, world!"), output.join("\n")).toBe("Hey, world!");
  });

  it("a request in flight when a change restarts the server is answered by the server it reached", async () => {
    const current = /env\.GREETING \?\? "([^"]+)"/.exec(readFileSync(services, "utf8"))![1]!;
    expect(await greeting(`${current}, world!`), output.join("\n")).toBe(`${current}, world!`);
    const body = JSON.stringify({ owner: "ada", text: "sent across a restart" });
    const request = httpRequest(`${url}/notes`, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } });
    const answered = once(request, "response") as Promise<[IncomingMessage]>;
    request.write(body.slice(0, 10)); // the server holds the request, waiting for the rest of its body
    const shutdowns = output.filter((line) => line.includes('"message":"shutting down"')).length;
    saveByRename(services, `"${current}"`, `"${current}!"`);
    const stopping = await eventually(async () => (output.filter((line) => line.includes('"message":"shutting down"')).length > shutdowns ? true : undefined));
    expect(stopping, output.join("\n")).toBe(true);
    request.end(body.slice(10));
    const [response] = await answered;
    expect(response.statusCode).toBe(201);
    expect(await greeting(`${current}!, world!`)).toBe(`${current}!, world!`);
  });
});
