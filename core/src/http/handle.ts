import type { Context } from "../function/context.js";
import { DEADLINE_RESERVE_MS, pastDeadline } from "../function/deadline.js";
import type { HttpHandler } from "../function/handlers.js";
import type { HttpRequest, HttpResponse } from "../function/http.js";
import { Unauthenticated } from "../auth/identity.js";
import { StoreUnavailable } from "../ports/errors.js";
import { inSpan } from "../observability/spans.js";
import { silentLogger } from "../ports/json-logger.js";
import { describe } from "./describe.js";
import { withCors, type CorsPolicy } from "./cors.js";
import { Problem } from "./problem.js";
import { requestIdFor } from "./request-id.js";
import type { createRouter } from "./router.js";

const RETRY_AFTER_SECONDS = "1";

/**
 * Every request ends here: a response with `x-request-id`, problem+json for every error, and
 * nothing about internals in the body. One log line per request.
 */
export function handleHttp(route: ReturnType<typeof createRouter>, cors?: CorsPolicy): HttpHandler {
  return function http(request: HttpRequest, context: Context): Promise<HttpResponse> {
    const started = performance.now();
    const requestId = requestIdFor(request.headers["x-request-id"], context.requestId);
    return inSpan(request.method, "server", context.traceparent, async (traceparent, { traceId, spanId }) => {
      const logger = context.logger.child({ requestId, traceId, spanId });
      let response: HttpResponse;
      try {
        if (pastDeadline(context.deadline)) {
          throw new Problem("unavailable", "Not enough time left to answer safely; try again.", undefined, { "retry-after": RETRY_AFTER_SECONDS });
        }
        // Every field of Context, spelled out: one object shape for every request (a spread makes new ones).
        const routed: Context = {
          requestId,
          cloud: context.cloud,
          deadline: context.deadline,
          logger,
          metrics: context.metrics,
          traceparent,
          principal: context.principal,
        };
        response = await beforeDeadline(route(request, routed), context.deadline);
      } catch (error) {
        response = errorResponse(error, logger);
      }
      response.headers["x-request-id"] = requestId;
      withCors(cors, request, response);
      if (request.method === "HEAD") delete response.body; // the headers GET would send, no body (RFC 9110 9.3.2)
      const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
      logger.info("request", { method: request.method, path: request.path, status: response.status, latencyMs });
      context.metrics?.record("RequestLatency", latencyMs, "Milliseconds");
      return response;
    });
  };
}

/**
 * The route's answer, or a 503 problem just before the deadline: a request the store cannot
 * serve in time (slow, or not answering) gets an answer the client can retry, not the
 * platform's timeout. Work still under way goes on unobserved; whatever it commits, the
 * client's retry finds (the Idempotency-Key's answer, or the order's new version).
 */
function beforeDeadline(work: Promise<HttpResponse>, deadline: number | undefined): Promise<HttpResponse> {
  if (deadline === undefined) return work;
  work.catch(() => undefined); // a failure after the cut-off has no one left to answer
  let timer: NodeJS.Timeout | undefined;
  const cutOff = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Problem("unavailable", "The request could not be served in time; try again.", undefined, { "retry-after": RETRY_AFTER_SECONDS })),
      Math.max(0, deadline - Date.now() - DEADLINE_RESERVE_MS),
    );
  });
  return Promise.race([work, cutOff]).finally(() => clearTimeout(timer));
}

/** The answer for anything a route threw: problem+json, with internals only in the log. */
export function errorResponse(error: unknown, logger: Context["logger"]): HttpResponse {
  if (error instanceof Problem) {
    if (error.status >= 500) logger[error.status === 503 ? "warn" : "error"]("request failed", { problem: error.kind, error: describe(error) });
    return error.toResponse();
  }
  if (error instanceof Unauthenticated) {
    // RFC 6750 3: the scheme always; error="invalid_token" when a token came and was refused.
    const challenge = error.tokenSent ? 'Bearer error="invalid_token"' : "Bearer";
    const detail = error.tokenSent ? "The bearer token is not valid." : "This resource needs a bearer token.";
    return new Problem("unauthorized", detail, undefined, { "www-authenticate": challenge }).toResponse();
  }
  if (error instanceof StoreUnavailable) {
    logger.warn("store unavailable", { error: describe(error) });
    return new Problem("unavailable", "The order store cannot be reached; try again shortly.", undefined, {
      "retry-after": RETRY_AFTER_SECONDS,
    }).toResponse();
  }
  logger.error("unhandled error", { error: describe(error) });
  return new Problem("internal", "Something went wrong on our side.").toResponse();
}

/**
 * The answer when the service could not even be built (its store unreachable at start), for
 * adapters and servers that hold no service to ask: the same problem+json a route would give.
 */
export function startupFailureResponse(error: unknown, context: Pick<Context, "requestId" | "logger">): HttpResponse {
  context.logger.error("service could not start", { error: describe(error) });
  const response = errorResponse(error, silentLogger);
  response.headers["x-request-id"] = context.requestId;
  return response;
}
