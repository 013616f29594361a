import middy from "@middy/core";
import httpRouterHandler from "@middy/http-router";
import httpJsonBodyParser from "@middy/http-json-body-parser";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { createOrder, getOrder, requestIdOf, type PlainDeps, type PlainResponse } from "./orders.js";

type Result = APIGatewayProxyStructuredResultV2;
const result = (response: PlainResponse): Result => ({ statusCode: response.status, headers: response.headers, body: response.body });

/** The same two routes the way Middy's docs put them: http-router, json-body-parser on the POST. */
export function middyApiGatewayV2(deps: PlainDeps) {
  const create = middy<APIGatewayProxyEventV2, Result>()
    .use(httpJsonBodyParser())
    .handler(async (event, context: Context) => result(await createOrder(deps, event.body, requestIdOf(event.headers["x-request-id"], context.awsRequestId))));
  const get = middy<APIGatewayProxyEventV2, Result>().handler(async (event, context: Context) =>
    result(await getOrder(deps, event.pathParameters?.id ?? "", requestIdOf(event.headers["x-request-id"], context.awsRequestId))),
  );
  return middy<APIGatewayProxyEventV2, Result>().handler(
    httpRouterHandler<APIGatewayProxyEventV2, Result>([
      { method: "POST", path: "/orders", handler: create },
      { method: "GET", path: "/orders/{id}", handler: get },
    ]),
  );
}
