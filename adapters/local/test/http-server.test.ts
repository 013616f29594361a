import { ConfigError, defineApp, http, json, silentLogger, type Route } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { startLocalApp } from "../src/index.js";

/** An app of one HTTP function serving `routes`, on the local runtime with `env`. */
function serve(routes: Route[], env: Record<string, string> = {}) {
  const app = defineApp({ name: "web", functions: { api: http(() => routes) } });
  return startLocalApp(app, () => ({ logger: silentLogger, services: async () => ({}) }), { PORT: "0", SKYPORT_QUEUE_PATH: ":memory:", ...env });
}

const hello: Route = { path: "/hello", methods: { GET: async () => json(200, { message: "hi" }) } };

describe("the local server's /health", () => {
  it("answers 200 for an app that routes none, and leaves its other paths to the app", async () => {
    const local = await serve([hello]);
    try {
      const health = await fetch(`${local.url}/health`);
      expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
      expect((await fetch(`${local.url}/nowhere`)).status).toBe(404);
      expect((await fetch(`${local.url}/health`, { method: "POST" })).status).not.toBe(200);
    } finally {
      await local.close();
    }
  });

  it("is the app's own when it routes one", async () => {
    const own: Route = { path: "/health", open: true, methods: { GET: async () => json(503, { status: "store down" }) } };
    const local = await serve([hello, own]);
    try {
      const health = await fetch(`${local.url}/health`);
      expect([health.status, await health.json()]).toEqual([503, { status: "store down" }]);
    } finally {
      await local.close();
    }
  });
});

describe("the local server's port", () => {
  it("is PORT; a second server on a port in use fails its start naming PORT and the way out", async () => {
    const first = await serve([hello]);
    try {
      const port = new URL(first.url!).port;
      const second = serve([hello], { PORT: port });
      await expect(second).rejects.toThrow(ConfigError);
      await expect(second).rejects.toThrow(new RegExp(`^PORT must be a free port on 127\\.0\\.0\\.1; ${port} is taken .*PORT=0 for any free one`));
    } finally {
      await first.close();
    }
  });
});
