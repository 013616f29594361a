import { describe, expect, it } from "vitest";
import { PROBLEM_BASE, StoreUnavailable, silentLogger, type Context, type HttpRequest, type HttpResponse } from "@skyport/core";
import { UnsupportedEvent, lambdaHttpHandler } from "../src/index.js";
import v1Fixture from "../src/testing/fixtures/apigw-request.json" with { type: "json" };
import { functionUrlEvent, httpApiEvent, lambdaContext, restApiEvent } from "../src/testing/index.js";
import type { APIGatewayProxyEvent } from "aws-lambda";

/** A neutral HTTP function that answers with what it was given, to see the translation. */
function echo() {
  const seen: { request?: HttpRequest; context?: Context } = {};
  const http = async (request: HttpRequest, context: Context): Promise<HttpResponse> => {
    seen.request = request;
    seen.context = context;
    return { status: 200, headers: { "content-type": "application/json", "x-request-id": context.requestId }, body: JSON.stringify({ path: request.path }) };
  };
  return { seen, handler: lambdaHttpHandler(async () => http, { logger: silentLogger }) };
}

describe("the Lambda HTTP handler", () => {
  it("answers a 2.0 event in 2.0 and a 1.0 event in 1.0", async () => {
    const { handler } = echo();
    const v2 = await handler(httpApiEvent({ method: "GET", path: "/health" }), lambdaContext());
    expect(v2).toMatchObject({ statusCode: 200, isBase64Encoded: false, body: '{"path":"/health"}' });
    expect(v2).not.toHaveProperty("multiValueHeaders");
    const v1 = await handler(restApiEvent({ method: "GET", path: "/health" }), lambdaContext());
    expect(v1).toMatchObject({ statusCode: 200, body: '{"path":"/health"}', isBase64Encoded: false });
  });

  it("names the invocation by Lambda's request id and sets the deadline from the remaining time", async () => {
    const { seen, handler } = echo();
    const lambda = lambdaContext({ remainingMs: 12_000 });
    const before = Date.now();
    await handler(httpApiEvent({ method: "GET", path: "/health" }), lambda);
    expect(seen.context).toMatchObject({ requestId: lambda.awsRequestId, cloud: "aws" });
    expect(seen.context!.deadline).toBeGreaterThanOrEqual(before + 11_000);
    expect(seen.context!.deadline).toBeLessThanOrEqual(Date.now() + 12_000);
  });

  it("carries the trace: traceparent first, else API Gateway's X-Ray header", async () => {
    const { seen, handler } = echo();
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    await handler(httpApiEvent({ method: "GET", path: "/health", headers: { traceparent } }), lambdaContext());
    expect(seen.context!.traceparent).toBe(traceparent);
    await handler(
      restApiEvent({
        method: "GET",
        path: "/health",
        headers: { "X-Amzn-Trace-Id": "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Parent=53995c3f42cd8ad8;Sampled=1" },
      }),
      lambdaContext(),
    );
    expect(seen.context!.traceparent).toBe("00-5e9f0c651de4d666d4dd26aced652b6c-53995c3f42cd8ad8-01");
  });

  it("takes the principal from what the authorizer verified, never from a header", async () => {
    const { seen, handler } = echo();
    await handler(
      httpApiEvent({ method: "GET", path: "/health", headers: { "x-principal": "mallory" } }, { claims: { sub: "user-7", iss: "https://issuer" } }),
      lambdaContext(),
    );
    expect(seen.context!.principal).toBe("user-7");
    await handler(httpApiEvent({ method: "GET", path: "/health" }), lambdaContext());
    expect(seen.context!.principal).toBeUndefined();
    await handler(functionUrlEvent({ method: "GET", path: "/health" }, { iamUserArn: "arn:aws:iam::111122223333:user/ops" }), lambdaContext());
    expect(seen.context!.principal).toBe("arn:aws:iam::111122223333:user/ops");
    await handler(v1Fixture as unknown as APIGatewayProxyEvent, lambdaContext());
    expect(seen.context!.principal).toBe("admin");
    await handler(restApiEvent({ method: "GET", path: "/health" }, { authorizer: { claims: { sub: "cognito-sub" } } }), lambdaContext());
    expect(seen.context!.principal).toBe("cognito-sub");
    await handler(restApiEvent({ method: "GET", path: "/health" }, { iamUserArn: "arn:aws:iam::111122223333:user/ops" }), lambdaContext());
    expect(seen.context!.principal).toBe("arn:aws:iam::111122223333:user/ops");
    await handler(restApiEvent({ method: "GET", path: "/health" }), lambdaContext());
    expect(seen.context!.principal).toBeUndefined();
  });

  it("answers 503 problem+json with a request id when the service cannot start for its store", async () => {
    const handler = lambdaHttpHandler(() => Promise.reject(new StoreUnavailable(new Error("ECONNREFUSED 10.0.0.1"))), { logger: silentLogger });
    const lambda = lambdaContext();
    const result = await handler(httpApiEvent({ method: "GET", path: "/orders/x" }), lambda);
    expect(result).toMatchObject({
      statusCode: 503,
      headers: { "content-type": "application/problem+json", "x-request-id": lambda.awsRequestId, "retry-after": "1" },
    });
    expect(JSON.parse(result.body!)).toEqual({ type: `${PROBLEM_BASE}unavailable`, title: "Service unavailable", status: 503, detail: expect.any(String) });
    expect(result.body).not.toContain("ECONNREFUSED");
  });

  it("answers 500 without detail when the service fails to start for another reason", async () => {
    const handler = lambdaHttpHandler(() => Promise.reject(new Error("table skyport-orders-prod: AccessDenied")), { logger: silentLogger });
    const result = await handler(restApiEvent({ method: "GET", path: "/health" }), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/AccessDenied|skyport-orders-prod/);
  });

  it("refuses an event that is not an HTTP event", async () => {
    const { handler } = echo();
    await expect(handler({ Records: [] } as unknown as APIGatewayProxyEvent, lambdaContext())).rejects.toBeInstanceOf(UnsupportedEvent);
  });
});
