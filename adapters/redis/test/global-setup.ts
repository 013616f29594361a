import type { TestProject } from "vitest/node";
import { startRedisServer } from "../src/testing.js";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** One redis-server for the port's contract; the test that kills a server starts its own. */
export default async function setup(project: TestProject) {
  const server = await startRedisServer();
  project.provide("redisUrl", server.url);
  return () => server.stop();
}
