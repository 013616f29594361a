import { describe, expect, it } from "vitest";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { fromApiGatewayV1, isApiGatewayV1, isApiGatewayV2, toApiGatewayV1Result } from "../src/index.js";
import fixture from "../src/testing/fixtures/apigw-request.json" with { type: "json" };
import { restApiEvent } from "../src/testing/index.js";

describe("REST API payload 1.0 -> HttpRequest", () => {
  it("translates the captured sample: headers lower-cased, query, body", () => {
    const event = fixture as unknown as APIGatewayProxyEvent;
    expect(isApiGatewayV1(event)).toBe(true);
    expect(isApiGatewayV2(event)).toBe(false);
    const request = fromApiGatewayV1(event);
    expect(request).toMatchObject({ method: "POST", path: "/hello/world" });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-forwarded-for"]).toBe("54.240.196.186, 54.182.214.83");
    expect(request.headers.headername).toBe("headerValue");
    expect(Object.keys(request.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(request.query.get("name")).toBe("me");
    expect(Buffer.from(request.body!).toString()).toBe('{\r\n\t"a": 1\r\n}');
  });

  it("keeps every value of a repeated header and query parameter", () => {
    const event = restApiEvent({ method: "GET", path: "/orders?customerId=c1&tag=a&tag=b%20c", headers: { Accept: "application/json", accept: "text/plain" } });
    expect(event.multiValueHeaders.Accept).toEqual(["application/json", "text/plain"]);
    expect(event.headers.Accept).toBe("text/plain");
    const request = fromApiGatewayV1(event);
    expect(request.headers.accept).toBe("application/json, text/plain");
    expect(request.query.getAll("tag")).toEqual(["a", "b c"]);
    expect(request.query.get("customerId")).toBe("c1");
  });

  it("falls back to the single-value maps, and takes null for nothing", () => {
    const event = { ...restApiEvent({ method: "GET", path: "/health?x=1" }), multiValueHeaders: {}, multiValueQueryStringParameters: null };
    event.headers = { "Content-Type": "application/json" };
    const request = fromApiGatewayV1(event);
    expect(request.headers).toEqual({ "content-type": "application/json" });
    expect(request.query.get("x")).toBe("1");
    const bare = { ...event, headers: null, queryStringParameters: null, body: null } as unknown as APIGatewayProxyEvent;
    expect(fromApiGatewayV1(bare)).toMatchObject({ headers: {}, body: undefined });
  });

  it("joins repeated cookies with a semicolon", () => {
    const event = restApiEvent({ method: "GET", path: "/health", headers: { Cookie: "a=1", cookie: "b=2" } });
    expect(fromApiGatewayV1(event).headers.cookie).toBe("a=1; b=2");
  });

  it("decodes a body the API treats as binary", () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const event = restApiEvent(
      { method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body: bytes },
      { binaryMediaTypes: ["*/*"] },
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(fromApiGatewayV1(event).body).toEqual(Buffer.from(bytes));
  });
});

describe("HttpResponse -> REST API payload 1.0 result", () => {
  it("always has a body string, empty for a 204", () => {
    expect(toApiGatewayV1Result({ status: 204, headers: { "x-request-id": "r" } })).toEqual({
      statusCode: 204,
      headers: { "x-request-id": "r" },
      body: "",
      isBase64Encoded: false,
    });
  });

  it("sends problem+json as text and anything else base64", () => {
    const problem = toApiGatewayV1Result({ status: 404, headers: { "content-type": "application/problem+json" }, body: '{"status":404}' });
    expect(problem).toMatchObject({ body: '{"status":404}', isBase64Encoded: false });
    const binary = toApiGatewayV1Result({ status: 200, headers: { "content-type": "image/png" }, body: "png" });
    expect(binary).toMatchObject({ body: Buffer.from("png").toString("base64"), isBase64Encoded: true });
  });
});
