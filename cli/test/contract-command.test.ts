import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");

it("npm run test:contract without SKYPORT_BASE_URL prints one clear line and fails", () => {
  const { SKYPORT_BASE_URL: _unset, ...env } = process.env;
  const run = spawnSync("npm", ["run", "--silent", "test:contract"], { cwd: repo, env, encoding: "utf8" });
  expect(run.status).toBe(2);
  expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^npm run test:contract needs SKYPORT_BASE_URL .*SKYPORT_CONTRACT_TOKEN/)]);
});
