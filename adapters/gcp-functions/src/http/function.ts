import { randomUUID } from "node:crypto";
import type { HttpFunction, Response } from "@google-cloud/functions-framework";
import { startupFailureResponse, type HttpHandler, type HttpResponse, type Lazy } from "@skyport/core";
import { invocationContext, type GcpFunctionOptions } from "../context.js";
import { installParserRecovery } from "./parser-recovery.js";
import { frameworkToRequest } from "./request.js";
import { traceparentOf } from "./trace.js";

const EXECUTION_ID = /^[A-Za-z0-9._-]{1,128}$/;

function send(res: Response, response: HttpResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

/** An HTTP function for the functions framework that serves the app's route table. */
export function httpFunction(http: Lazy<HttpHandler>, options: GcpFunctionOptions): HttpFunction {
  installParserRecovery();
  return async (req, res) => {
    const requestId = req.executionId && EXECUTION_ID.test(req.executionId) ? req.executionId : randomUUID();
    const request = await frameworkToRequest(req);
    const context = invocationContext(options, requestId, traceparentOf(request.headers));
    let handle: HttpHandler;
    try {
      handle = await http();
    } catch (error) {
      return send(res, startupFailureResponse(error, context));
    }
    send(res, await handle(request, context));
  };
}
