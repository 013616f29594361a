import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { SKYPORT_BIN, temporaryWorkspace } from "./temporary-workspace.js";

const run = promisify(execFile);

describe("an app without host.json", () => {
  const root = temporaryWorkspace();
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("fails the Azure build naming the file, what it is for and where to get one", async () => {
    await run(process.execPath, [SKYPORT_BIN, "new", "demo"], { cwd: root, env: { ...process.env, INIT_CWD: root } });
    rmSync(join(root, "apps/demo/host.json"));
    const build = run(process.execPath, [SKYPORT_BIN, "build", "azure"], { cwd: join(root, "apps/demo") });
    await expect(build).rejects.toThrow(
      /skyport build: demo has no host\.json, the Azure Functions host's settings \(.*\): copy \S+\/template\/host\.json into /,
    );
  });
});
