import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(appDir, "../../cli/bin/skyport.mjs");

/**
 * Builds this project's cloud (orders-aws -> aws) from the current sources before its tests run,
 * so that no test runs against yesterday's bundle, whichever way vitest was started.
 */
export default async function build(project: TestProject) {
  const cloud = project.name.replace(/^orders-/, "");
  await promisify(execFile)(process.execPath, [cli, "build", cloud], { cwd: appDir });
}
