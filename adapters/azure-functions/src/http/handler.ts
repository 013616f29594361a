import type { HttpHandler } from "@azure/functions";
import { startupFailureResponse, type HttpHandler as NeutralHttpHandler, type Lazy } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { fromHttpRequest } from "./request.js";
import { toHttpResponseInit } from "./response.js";

/** Azure's front end ends an HTTP request after 230 s, whatever functionTimeout allows. */
const HTTP_REQUEST_LIMIT_MS = 230_000;

/** app.http handler: every route and method goes to the app's route table, which answers 404/405 itself. */
export function azureHttpHandler(http: Lazy<NeutralHttpHandler>, options: AdapterOptions): HttpHandler {
  return async (request, invocation) => {
    const context = toContext(invocation, options, HTTP_REQUEST_LIMIT_MS);
    const neutral = await fromHttpRequest(request);
    let handle: NeutralHttpHandler;
    try {
      handle = await http();
    } catch (error) {
      return toHttpResponseInit(startupFailureResponse(error, context));
    }
    return toHttpResponseInit(await handle(neutral, context));
  };
}
