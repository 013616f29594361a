import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The bundles are built from the current sources before the tests read them: never yesterday's. */
export default async function build() {
  const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
  await promisify(execFile)("npx", ["skyport", "build"], { cwd: appDir });
}
