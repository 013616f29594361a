import type { APIGatewayProxyResult, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from "aws-lambda";
import { startupFailureResponse, type HttpHandler, type HttpRequest, type HttpResponse, type Lazy } from "@skyport/core";
import { toContext } from "../context.js";
import { UnsupportedEvent } from "../errors.js";
import type { AdapterOptions } from "../options.js";
import { invocationTraceHeader, traceparentOf } from "../trace.js";
import { apiGatewayV1Principal, fromApiGatewayV1, isApiGatewayV1, toApiGatewayV1Result, type ApiGatewayV1Event } from "./api-gateway-v1.js";
import { apiGatewayV2Principal, fromApiGatewayV2, isApiGatewayV2, toApiGatewayV2Result, type ApiGatewayV2Event } from "./api-gateway-v2.js";

/** Any HTTP payload Lambda hands over: API Gateway REST (v1), or HTTP API and Function URL (v2). */
export type LambdaHttpEvent = ApiGatewayV1Event | ApiGatewayV2Event;

/** One handler for every HTTP payload format; each event is answered in its own format. */
export interface LambdaHttpHandler {
  (event: ApiGatewayV2Event, lambda: LambdaContext): Promise<APIGatewayProxyStructuredResultV2>;
  (event: ApiGatewayV1Event, lambda: LambdaContext): Promise<APIGatewayProxyResult>;
  (event: LambdaHttpEvent, lambda: LambdaContext): Promise<APIGatewayProxyStructuredResultV2 | APIGatewayProxyResult>;
}

interface Translation {
  request: HttpRequest;
  principal: string | undefined;
  toResult(response: HttpResponse): APIGatewayProxyStructuredResultV2 | APIGatewayProxyResult;
}

function translate(event: unknown): Translation {
  if (isApiGatewayV2(event)) {
    return { request: fromApiGatewayV2(event), principal: apiGatewayV2Principal(event), toResult: toApiGatewayV2Result };
  }
  if (isApiGatewayV1(event)) {
    return { request: fromApiGatewayV1(event), principal: apiGatewayV1Principal(event), toResult: toApiGatewayV1Result };
  }
  throw new UnsupportedEvent("HTTP");
}

/** API Gateway (REST or HTTP API) or a function URL -> the neutral HTTP handler, and back. */
export function lambdaHttpHandler(http: Lazy<HttpHandler>, options: AdapterOptions): LambdaHttpHandler {
  const handler = async (event: LambdaHttpEvent, lambda: LambdaContext) => {
    const { request, principal, toResult } = translate(event);
    const traceparent = traceparentOf(request.headers.traceparent, request.headers["x-amzn-trace-id"] ?? invocationTraceHeader());
    const context = toContext(lambda, options, { traceparent, principal });
    let handle: HttpHandler;
    try {
      handle = await http();
    } catch (error) {
      return toResult(startupFailureResponse(error, context));
    }
    return toResult(await handle(request, context));
  };
  return handler as LambdaHttpHandler;
}
