import type { Request, Response } from "@google-cloud/functions-framework";
import {
  createOrder,
  getOrder,
  health,
  isJson,
  otherRoute,
  parseJsonBody,
  problem,
  requestDone,
  requestIdOf,
  type PlainDeps,
  type PlainResponse,
} from "./orders.js";

const MAX_BODY_BYTES = 64 * 1024;

/**
 * An HTTP function by hand: the framework has already parsed a JSON body into `req.body` (and
 * kept the bytes in `req.rawBody`), so the function uses them.
 */
export function handWrittenGcpHttp(deps: PlainDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const started = performance.now();
    const header = req.headers["x-request-id"];
    const requestId = requestIdOf(typeof header === "string" ? header : undefined, req.executionId ?? "");
    const url = req.originalUrl || req.url;
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const response = await answer(deps, req, path, requestId);
    requestDone(deps, started, { requestId, method: req.method, path, status: response.status });
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  };
}

async function answer(deps: PlainDeps, req: Request, path: string, requestId: string): Promise<PlainResponse> {
  if (path === "/orders" && req.method === "POST") {
    if (!isJson(req.headers["content-type"]))
      return problem("unsupported-media-type", 415, "Unsupported media type", "Send the body as application/json.", requestId);
    if ((req.rawBody?.length ?? 0) > MAX_BODY_BYTES)
      return problem("payload-too-large", 413, "Payload too large", `The body may be at most ${MAX_BODY_BYTES} bytes.`, requestId);
    if (req.body !== undefined) return createOrder(deps, req.body, requestId);
    // A body the framework's parser refused reaches the function unparsed: answer it like any other.
    const parsed = parseJsonBody(req.headers["content-type"], req.rawBody?.toString("utf8"), req.rawBody?.length ?? 0, requestId);
    return "value" in parsed ? createOrder(deps, parsed.value, requestId) : parsed;
  }
  if (path.startsWith("/orders/") && path.indexOf("/", 8) === -1 && req.method === "GET") return getOrder(deps, decodeURIComponent(path.slice(8)), requestId);
  if (path === "/health" && req.method === "GET") return health(requestId);
  return otherRoute(path, req.method, requestId);
}
