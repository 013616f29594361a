import { randomUUID } from "node:crypto";
import type { Context, HttpRequest, HttpResponse } from "@skyport/core";
import { route } from "../hand-written/aws-lambda.js";
import { requestDone, requestIdOf, type PlainResponse } from "../hand-written/orders.js";
import { plainDeps } from "./plain-deps.js";
import { skyportInstance } from "./skyport-instance.js";
import { anySubject, BENCH_LOG_LEVELS, type Answer, type BenchLogLevel, type Subject } from "./subject.js";
import { JSON_HEADERS, ORDER_BODY } from "./workload.js";

const EVENT = "neutral HttpRequest (no adapter)";

/** A request as an adapter hands it to core, with the body also as text: what a hand-written handler gets. */
interface NeutralEvent extends HttpRequest {
  text?: string;
}

function neutral(method: string, path: string, headers: Record<string, string>, body?: string): NeutralEvent {
  const q = path.indexOf("?");
  return {
    text: body,
    method,
    path: q === -1 ? path : path.slice(0, q),
    query: new URLSearchParams(q === -1 ? "" : path.slice(q + 1)),
    headers: { host: "orders.example.com", "user-agent": "bench", ...headers },
    body: body === undefined ? undefined : Buffer.from(body),
  };
}

const answer = (response: HttpResponse | PlainResponse): Answer => ({ status: response.status, headers: response.headers, body: response.body ?? "" });

function subject(
  layer: string,
  logLevel: BenchLogLevel,
  invoke: (request: NeutralEvent) => Promise<HttpResponse | PlainResponse>,
): Subject<NeutralEvent, HttpResponse | PlainResponse> {
  return {
    cloud: "core",
    event: EVENT,
    layer,
    logLevel,
    posts: (count) => Array.from({ length: count }, () => neutral("POST", "/orders", JSON_HEADERS, ORDER_BODY)),
    gets: (ids) => ids.map((id) => neutral("GET", `/orders/${id}`, {})),
    request: neutral,
    invoke,
    answer,
  };
}

/**
 * Core alone: the order service called with the request an adapter would have made, against the
 * hand-written routes given the same parts. The gap between a cloud's Skyport row and this one is
 * what its adapter's translation costs.
 */
export function neutralSubjects(): Subject[] {
  return BENCH_LOG_LEVELS.flatMap((level) => {
    const instance = skyportInstance("aws", level);
    const context: Context = {
      requestId: randomUUID(), // a real one: a run of 13 digits (0000-4000-8000-…) would send every line through redaction
      cloud: "aws",
      logger: instance.logger,
      metrics: instance.metrics,
      deadline: Date.now() + 3_600_000,
    };
    const deps = plainDeps("core", level);
    const handWritten = async (request: NeutralEvent) => {
      const started = performance.now();
      const requestId = requestIdOf(request.headers["x-request-id"], context.requestId);
      const response = await route(deps, request.method, request.path, request.headers, request.text, requestId);
      requestDone(deps, started, { requestId, method: request.method, path: request.path, status: response.status });
      return response;
    };
    return [
      anySubject(subject("Skyport", level, async (request) => (await instance.http())(request, context))),
      anySubject(subject("hand-written", level, handWritten)),
    ];
  });
}
