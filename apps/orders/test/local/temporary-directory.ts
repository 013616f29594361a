import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** A directory for this test file's databases, removed when the file's tests are done. */
export function temporaryDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), "skyport-local-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
