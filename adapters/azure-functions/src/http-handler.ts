import type { HttpHandler } from "@azure/functions";
import { startupFailureResponse } from "@skyport/core";
import type { AdapterOptions, LazyFunctions, NeutralFunctions } from "./functions.js";
import { toNeutralRequest } from "./http-request.js";
import { toHttpResponseInit } from "./http-response.js";
import { toContext } from "./invocation-context.js";

/** Azure's front end ends an HTTP request after 230 s, whatever functionTimeout allows. */
const HTTP_REQUEST_LIMIT_MS = 230_000;

/** app.http handler: every route and method goes to core, which answers 404/405 itself. */
export function azureHttpHandler(functions: LazyFunctions, options: AdapterOptions): HttpHandler {
  return async (request, invocation) => {
    const context = toContext(invocation, options, HTTP_REQUEST_LIMIT_MS);
    const neutral = await toNeutralRequest(request);
    let service: NeutralFunctions;
    try {
      service = await functions();
    } catch (error) {
      return toHttpResponseInit(startupFailureResponse(error, context));
    }
    return toHttpResponseInit(await service.http(neutral, context));
  };
}
