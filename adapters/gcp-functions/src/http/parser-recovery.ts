import { subscribe } from "node:diagnostics_channel";
import type { Server } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { readCappedBody } from "./body.js";

/** The parts of an Express application this module uses. */
interface ExpressApp {
  (req: Request, res: Response): void;
  use(handler: (error: unknown, req: Request, res: Response, next: NextFunction) => void): unknown;
  handle(req: Request, res: Response): void;
}

const recoveredApps = new WeakSet<object>();
const redispatched = new WeakSet<object>();
const oversized = new WeakSet<object>();
let installed = false;

/** True when the framework dropped this request's body for being over its own limit. */
export function bodyWasOversized(req: object): boolean {
  return oversized.has(req);
}

/**
 * The functions framework answers a body its parsers refuse (malformed JSON, an unknown charset,
 * over 1 GiB) and a path its router cannot decode with an HTML error page of its own, before the
 * function runs (GoogleCloudPlatform/functions-framework-nodejs#686). This gives every Express
 * server of the process (in Cloud Functions, the framework's is the only one) a last error
 * handler that hands such requests back to the function instead: with the body as far as it was
 * read, or marked oversized, and dispatched at "/" when the path could not be decoded (the
 * function reads the path from `originalUrl`). Core then answers as on every cloud.
 */
export function installParserRecovery(): void {
  if (installed) return;
  installed = true;
  // The only public moment at which the framework's server (and its Express app) can be reached.
  subscribe("http.server.request.start", (message) => {
    const { server } = message as { server: Server };
    for (const listener of server.listeners("request")) {
      if (!isExpressApp(listener) || recoveredApps.has(listener)) continue;
      recoveredApps.add(listener);
      listener.use(recoverRefusedRequest(listener));
    }
  });
}

function isExpressApp(listener: unknown): listener is ExpressApp {
  if (typeof listener !== "function") return false;
  const app = listener as unknown as Record<string, unknown>;
  return typeof app.use === "function" && typeof app.handle === "function";
}

/** A 4xx from the framework's own middleware: its body parsers or its router refused the request. */
function refusalStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

function recoverRefusedRequest(app: ExpressApp) {
  // Four parameters: that is how Express tells an error handler from a middleware.
  return async function recover(error: unknown, req: Request, res: Response, next: NextFunction): Promise<void> {
    const type = (error as { type?: unknown } | null)?.type;
    if (refusalStatus(error) === undefined || type === "request.aborted" || redispatched.has(req) || res.headersSent) {
      next(error);
      return;
    }
    redispatched.add(req);
    try {
      if (type === "entity.too.large") oversized.add(req);
      else if (!req.readableEnded) (req as Request & { rawBody?: Buffer }).rawBody = Buffer.from(await readCappedBody(req));
    } catch {
      next(error);
      return;
    }
    if (error instanceof URIError) req.url = "/";
    app.handle(req, res);
  };
}
