import { randomUUID } from "node:crypto";
import type { HttpFunction } from "@google-cloud/functions-framework";
import { startupFailureResponse, type HttpHandler, type Lazy } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { traceparentOf } from "../trace.js";
import { installParserRecovery } from "./parser-recovery.js";
import { fromFrameworkRequest } from "./request.js";
import { toFrameworkResponse } from "./response.js";

const EXECUTION_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** An HTTP function for the functions framework that serves the app's route table. */
export function gcpHttpHandler(http: Lazy<HttpHandler>, options: AdapterOptions): HttpFunction {
  installParserRecovery();
  return async (req, res) => {
    const requestId = req.executionId && EXECUTION_ID.test(req.executionId) ? req.executionId : randomUUID();
    const request = await fromFrameworkRequest(req);
    const context = toContext({ requestId, traceparent: traceparentOf(request.headers) }, options);
    let handle: HttpHandler;
    try {
      handle = await http();
    } catch (error) {
      return toFrameworkResponse(res, startupFailureResponse(error, context));
    }
    toFrameworkResponse(res, await handle(request, context));
  };
}
