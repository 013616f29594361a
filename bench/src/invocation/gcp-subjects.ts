import { randomBytes } from "node:crypto";
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { HttpFunction, Request, Response } from "@google-cloud/functions-framework";
import { gcpHttpHandler as httpFunction, readAdapterOptions as gcpFunctionOptions } from "@skyport/gcp-functions";
import { handWrittenGcpHttp } from "../hand-written/gcp-functions.js";
import { plainDeps } from "./plain-deps.js";
import { skyportInstance } from "./skyport-instance.js";
import { anySubject, BENCH_LOG_LEVELS, type Answer, type BenchLogLevel, type Subject } from "./subject.js";
import { JSON_HEADERS, ORDER_BODY } from "./workload.js";

/** A ServerResponse that remembers what it sent, so that the answer can be read back. */
class SentResponse extends ServerResponse {
  sent: Answer = { status: 0, headers: {}, body: "" };
  override writeHead(status: number, headers?: unknown): this {
    this.sent = { status, headers: { ...(headers as Record<string, string>) }, body: "" };
    return super.writeHead(status, headers as Record<string, string>);
  }
  override end(body?: unknown): this {
    if (typeof body === "string") this.sent.body = body;
    return super.end(body as string);
  }
}

interface Exchange {
  req: Request;
  res: SentResponse;
}

// The requests of a run share one (unconnected) socket: nothing is written to it.
const socket = new Socket();

/**
 * The request as the functions framework hands it to a function: a Node request whose JSON body
 * its body parser has read (the stream ended, `rawBody` and `body` set) and an `executionId`.
 * A GET's stream is left unread, as no parser takes a request without a body.
 */
async function exchange(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Exchange> {
  const req = new IncomingMessage(socket) as Request;
  req.method = method;
  req.url = path;
  req.headers = { host: "orders-abc123-ew.a.run.app", "user-agent": "bench", ...headers };
  if (body !== undefined) req.headers["content-length"] = String(Buffer.byteLength(body));
  req.push(body === undefined ? null : Buffer.from(body));
  if (body !== undefined) {
    req.push(null);
    for await (const _ of req); // the framework's body parser reads the stream
    req.rawBody = Buffer.from(body);
    req.body = parsedBy(headers["content-type"], body);
  } else req.body = {};
  Object.assign(req, { originalUrl: path, executionId: randomBytes(6).toString("hex") });
  return { req, res: new SentResponse(req) };
}

/** What the framework's parsers leave in `req.body`: JSON parsed, text as text; nothing for a body they refuse. */
function parsedBy(contentType: string | undefined, body: string): unknown {
  if (contentType?.startsWith("text/")) return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined; // the framework refuses it; Skyport's parser recovery hands it to the function
  }
}

function subject(layer: string, logLevel: BenchLogLevel, fn: HttpFunction): Subject<Exchange, SentResponse> {
  return {
    cloud: "gcp",
    event: "functions-framework request",
    layer,
    logLevel,
    posts: (count) => Promise.all(Array.from({ length: count }, () => exchange("POST", "/orders", JSON_HEADERS, ORDER_BODY))),
    gets: (ids) => Promise.all(ids.map((id) => exchange("GET", `/orders/${id}`, {}))),
    request: exchange,
    invoke: async ({ req, res }) => {
      await fn(req, res as unknown as Response);
      return res;
    },
    answer: (res) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.sent.headers)) headers[name.toLowerCase()] = value;
      return { ...res.sent, headers };
    },
  };
}

/** An HTTP function through Skyport (as apps/orders/src/gcp.ts wires it) and by hand, at each log level. */
export function gcpSubjects(): Subject[] {
  return BENCH_LOG_LEVELS.flatMap((level) => {
    const instance = skyportInstance("gcp", level);
    const options = { ...gcpFunctionOptions({ CLOUD_RUN_TIMEOUT_SECONDS: "300" }), logger: instance.logger, metrics: instance.metrics };
    return [
      anySubject(subject("Skyport", level, httpFunction(instance.http, options))),
      anySubject(subject("hand-written", level, handWrittenGcpHttp(plainDeps("gcp", level)))),
    ];
  });
}
