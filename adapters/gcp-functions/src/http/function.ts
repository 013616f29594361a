import { randomUUID } from "node:crypto";
import type { HttpFunction } from "@google-cloud/functions-framework";
import { describeError, type Context, type HttpRequest, type HttpResponse } from "@skyport/core";
import { invocationContext, type GcpFunctionOptions } from "../context.js";
import { installParserRecovery } from "./parser-recovery.js";
import { frameworkToRequest } from "./request.js";
import { traceparentOf } from "./trace.js";

export type HttpHandler = (request: HttpRequest, context: Context) => Promise<HttpResponse>;

const EXECUTION_ID = /^[A-Za-z0-9._-]{1,128}$/;
// Only reached when the handler itself could not be built (core answers every other error).
const INTERNAL_ERROR = JSON.stringify({ type: "about:blank", title: "Internal error", status: 500, detail: "Something went wrong on our side." });

/** An HTTP function for the functions framework that serves core's route table. */
export function httpFunction(handler: HttpHandler, options: GcpFunctionOptions): HttpFunction {
  installParserRecovery();
  return async (req, res) => {
    const requestId = req.executionId && EXECUTION_ID.test(req.executionId) ? req.executionId : randomUUID();
    try {
      const request = await frameworkToRequest(req);
      const response = await handler(request, invocationContext(options, requestId, traceparentOf(request.headers)));
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    } catch (error) {
      options.logger.error("request failed before the service answered", { requestId, error: describeError(error) });
      if (res.headersSent) return void res.end();
      res.writeHead(500, { "content-type": "application/problem+json", "x-request-id": requestId });
      res.end(INTERNAL_ERROR);
    }
  };
}
