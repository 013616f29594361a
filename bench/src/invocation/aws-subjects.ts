import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { lambdaHttpHandler } from "@skyport/aws-lambda";
import { httpApiEvent, restApiEvent } from "../../../adapters/aws-lambda/src/testing/http-events.js";
import { lambdaContext } from "../../../adapters/aws-lambda/src/testing/lambda-context.js";
import { handWrittenApiGatewayV1, handWrittenApiGatewayV2 } from "../hand-written/aws-lambda.js";
import { honoApiGatewayV2 } from "../hand-written/hono.js";
import { middyApiGatewayV2 } from "../hand-written/middy.js";
import { plainDeps } from "./plain-deps.js";
import { skyportInstance } from "./skyport-instance.js";
import { anySubject, BENCH_LOG_LEVELS, type Answer, type BenchLogLevel, type Subject } from "./subject.js";
import { JSON_HEADERS, ORDER_BODY } from "./workload.js";

type Result = APIGatewayProxyStructuredResultV2 | APIGatewayProxyResult;
type Handler<E> = (event: E, context: Context) => Promise<Result>;

function answer(result: Result): Answer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  return { status: result.statusCode ?? 200, headers, body: result.body ?? "" };
}

const V2 = "API Gateway 2.0";
const V1 = "API Gateway 1.0";

function v2Subject(layer: string, logLevel: BenchLogLevel, handler: Handler<APIGatewayProxyEventV2>): Subject<APIGatewayProxyEventV2, Result> {
  // One Lambda context for the whole run, as one warm instance sees a stream of them.
  const context = lambdaContext({ remainingMs: 3_600_000 });
  const request = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    httpApiEvent({ method, path, headers, body }) as unknown as APIGatewayProxyEventV2;
  return {
    cloud: "aws",
    event: V2,
    layer,
    logLevel,
    posts: (count) => Array.from({ length: count }, () => request("POST", "/orders", JSON_HEADERS, ORDER_BODY)),
    gets: (ids) => ids.map((id) => ({ ...request("GET", `/orders/${id}`, {}), pathParameters: undefined })),
    request,
    invoke: (event) => handler(event, context),
    answer,
  };
}

function v1Subject(layer: string, logLevel: BenchLogLevel, handler: Handler<APIGatewayProxyEvent>): Subject<APIGatewayProxyEvent, Result> {
  const context = lambdaContext({ remainingMs: 3_600_000 });
  const request = (method: string, path: string, headers: Record<string, string>, body?: string) => restApiEvent({ method, path, headers, body });
  return {
    cloud: "aws",
    event: V1,
    layer,
    logLevel,
    posts: (count) => Array.from({ length: count }, () => request("POST", "/orders", JSON_HEADERS, ORDER_BODY)),
    gets: (ids) => ids.map((id) => request("GET", `/orders/${id}`, {})),
    request,
    invoke: (event) => handler(event, context),
    answer,
  };
}

function skyportLambda(logLevel: BenchLogLevel) {
  const instance = skyportInstance("aws", logLevel);
  return lambdaHttpHandler(instance.http, { logger: instance.logger, metrics: instance.metrics });
}

/** API Gateway 2.0 and 1.0 through Skyport and by hand at each log level; Middy and Hono on 2.0, with no logs (the warn view). */
export function awsSubjects(): Subject[] {
  return [
    ...BENCH_LOG_LEVELS.flatMap((level) => [
      anySubject(v2Subject("Skyport", level, skyportLambda(level))),
      anySubject(v2Subject("hand-written", level, handWrittenApiGatewayV2(plainDeps("aws", level)))),
      anySubject(v1Subject("Skyport", level, skyportLambda(level))),
      anySubject(v1Subject("hand-written", level, handWrittenApiGatewayV1(plainDeps("aws", level)))),
    ]),
    anySubject(v2Subject("Middy", "warn", middyApiGatewayV2(plainDeps("aws", "warn")) as Handler<APIGatewayProxyEventV2>)),
    anySubject(v2Subject("Hono", "warn", honoApiGatewayV2(plainDeps("aws", "warn")) as unknown as Handler<APIGatewayProxyEventV2>)),
  ];
}
