import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { startCosmosServer } from "@skyport/cosmos/testing";
import { startDynamoDbLocal } from "@skyport/dynamodb/testing";
import { startFirestoreEmulator } from "@skyport/firestore/testing";
import { startRedisServer } from "@skyport/redis/testing";
import type { TestProject } from "vitest/node";
import { SKYPORT_BIN, temporaryWorkspace } from "../temporary-workspace.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** apps/demo as `npm run new -- demo` made it, its dist/ as `skyport build aws gcp azure` wrote it. */
    demoApp: string;
    dynamoDbEndpoint: string;
    firestoreHost: string;
    cosmos: { endpoint: string; key: string };
    /** Debian's redis-server on loopback: the cache (SKYPORT_CACHE=redis) of every cloud's bundle. */
    redisUrl: string;
  }
}

const run = promisify(execFile);
const settledValue = <T>(result: PromiseSettledResult<T>): T => {
  if (result.status === "rejected") throw result.reason;
  return result.value;
};

/** `npm run new -- demo` in the workspace, then its bundles for the three clouds. */
async function newBuiltApp(root: string): Promise<string> {
  await run(process.execPath, [SKYPORT_BIN, "new", "demo"], { cwd: root, env: { ...process.env, INIT_CWD: root } });
  const app = join(root, "apps/demo");
  await run(process.execPath, [SKYPORT_BIN, "build", "aws", "gcp", "azure"], { cwd: app });
  return app;
}

/** A generated app, built once for every test file, and the three clouds' stores and a Redis on this machine, started while it builds. */
export default async function setup(project: TestProject) {
  const root = temporaryWorkspace();
  const [stores, built] = await Promise.all([
    Promise.allSettled([startDynamoDbLocal(), startFirestoreEmulator(), startCosmosServer(), startRedisServer()]),
    Promise.allSettled([newBuiltApp(root)]),
  ]);
  const teardown = async () => {
    await Promise.all(stores.map((store) => store.status === "fulfilled" && store.value.stop()));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    project.provide("demoApp", settledValue(built[0]));
    project.provide("dynamoDbEndpoint", settledValue(stores[0]).endpoint);
    project.provide("firestoreHost", settledValue(stores[1]).host);
    const { endpoint, key } = settledValue(stores[2]);
    project.provide("cosmos", { endpoint, key });
    project.provide("redisUrl", settledValue(stores[3]).url);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
