import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  MAX_BODY_BYTES,
  startupFailureResponse,
  type Context,
  type HttpHandler,
  type HttpRequest,
  type HttpResponse,
  json,
  type Lazy,
  type Logger,
} from "@skyport/core";

/** Reads at most one byte past the limit, so that the app answers 413 without buffering a huge body. */
function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on("end", () => resolve(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1)));
    req.on("error", reject);
  });
}

/** node:http's request -> the neutral request. */
export function fromIncomingMessage(req: IncomingMessage, body: Uint8Array): HttpRequest {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: req.method ?? "GET",
    path: q === -1 ? url : url.slice(0, q),
    query: new URLSearchParams(q === -1 ? "" : url.slice(q + 1)),
    headers,
    body: body.length ? body : undefined,
  };
}

/**
 * `GET /health` on every app's local server: the app's own answer when it routes one, else 200
 * `{"status":"ok"}` (the server is up), so that a new app can be probed like the order service.
 */
function localHealth(request: HttpRequest, answered: HttpResponse): HttpResponse {
  if (answered.status !== 404 || request.method !== "GET" || request.path !== "/health") return answered;
  return json(200, { status: "ok" });
}

/** A node:http server in front of the app's HTTP function. */
export function localHttpServer(http: Lazy<HttpHandler>, logger: Logger): Server {
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const request = fromIncomingMessage(req, await readBody(req));
      const context: Context = { requestId: randomUUID(), cloud: "local", logger, traceparent: request.headers.traceparent };
      const response = localHealth(request, await (await http())(request, context));
      // Shutting down: let this connection end with the response rather than idle on keep-alive.
      if (!server.listening) res.shouldKeepAlive = false;
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    } catch (error) {
      // The services could not be built (or the body not read): answer as a route would.
      const response = startupFailureResponse(error, { requestId: randomUUID(), logger });
      if (res.headersSent) return void res.end();
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    }
  });
  return server;
}
