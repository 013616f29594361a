import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { SKYPORT_BIN, temporaryWorkspace } from "./temporary-workspace.js";

const run = promisify(execFile);

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

describe("a generated app's npm start", () => {
  const root = temporaryWorkspace();
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("serves it on PORT, GET /health included; a second start on that port fails naming PORT", async () => {
    await run(process.execPath, [SKYPORT_BIN, "new", "demo"], { cwd: root, env: { ...process.env, INIT_CWD: root } });
    const env = { ...process.env, PORT: String(await freePort()) };
    // Its own process group: npm, its shell and the server stop together.
    const first = spawn("npm", ["start", "-w", "apps/demo"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const exited = once(first, "exit");
    try {
      const errors: string[] = [];
      first.stderr.on("data", (chunk) => errors.push(String(chunk)));
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: first.stdout }).on("line", (line) => line.includes('"message":"listening"') && resolve(JSON.parse(line).url));
        exited.then(([code]) => reject(new Error(`npm start exited with ${code}: ${errors.join("")}`)));
      });
      expect(url).toBe(`http://127.0.0.1:${env.PORT}`);
      const health = await fetch(`${url}/health`);
      expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);

      const second = run("npm", ["start", "-w", "apps/demo"], { cwd: root, env });
      await expect(second).rejects.toThrow(new RegExp(`PORT must be a free port on 127\\.0\\.0\\.1; ${env.PORT} is taken .*PORT=0 for any free one`));
    } finally {
      process.kill(-first.pid!, "SIGTERM");
      await exited;
    }
  });
});
