import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { serveSite } from "./static-site.js";

const docs = join(import.meta.dirname, "..");

/** Builds the site as `npm run docs:build` does and serves it to the tests on the loopback. */
export default async function setup(project: TestProject) {
  await promisify(execFile)(process.execPath, [join(docs, "scripts/build.mjs")], { cwd: docs, maxBuffer: 16 * 1024 * 1024 });
  const root = join(docs, ".vitepress/dist");
  const { url, server } = await serveSite(root);
  project.provide("siteUrl", url);
  project.provide("siteRoot", root);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    siteRoot: string;
  }
}
