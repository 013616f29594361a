import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dashboardApi } from "./dashboard-api.js";
import { dashboardAssets } from "./assets.js";
import type { LocalRuntime } from "./local-runtime.js";
import type { LogLines } from "./log-lines.js";
import { DashboardProblem, sendProblem } from "./problem.js";

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

/** The page may load only its own files and call only its own API: no network beyond this server. */
const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
};

/**
 * The local dashboard on a port of its own on 127.0.0.1 (never SKYPORT_HOST: an app served to the
 * network keeps its dashboard on this machine), apart from the app's routes, so that an app without
 * HTTP has one too. A port in use gives way to a free one (a second app's server).
 */
export async function startDashboard(runtime: LocalRuntime, logs: LogLines, port: number): Promise<Dashboard> {
  const assets = dashboardAssets();
  const api = dashboardApi(runtime, logs);
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    try {
      refuseForeign(req, (server.address() as AddressInfo).port);
      const path = new URL(req.url ?? "/", "http://dashboard").pathname;
      if (path.startsWith("/api/")) return await api(req, res);
      const asset = req.method === "GET" ? assets.get(path === "/" ? "/index.html" : path) : undefined;
      if (!asset) throw new DashboardProblem(404, "Not found", `no ${req.method} ${path} on the dashboard`);
      res.writeHead(200, { "content-type": asset.type });
      res.end(asset.body);
    } catch (error) {
      if (res.headersSent) return void res.end();
      sendProblem(res, error instanceof DashboardProblem ? error : new DashboardProblem(500, "Failed", error instanceof Error ? error.message : String(error)));
    }
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening").catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections(); // the live log feeds stay open until closed
      await closed;
    },
  };
}

/**
 * Another site's page in the same browser may send requests to the loopback: one made through a
 * name other than the loopback's (DNS rebinding) is refused, and a change must be JSON (no form posts across sites).
 */
function refuseForeign(req: IncomingMessage, port: number) {
  const host = req.headers.host ?? "";
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
    throw new DashboardProblem(403, "Forbidden", `the dashboard answers at 127.0.0.1:${port}, not ${host}`);
  if (req.method !== "GET" && !(req.headers["content-type"] ?? "").startsWith("application/json")) {
    throw new DashboardProblem(415, "Unsupported media type", "a change to the dashboard is sent as application/json");
  }
}
