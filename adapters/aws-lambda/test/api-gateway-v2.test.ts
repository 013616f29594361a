import { describe, expect, it } from "vitest";
import { fromApiGatewayV2, isApiGatewayV1, isApiGatewayV2, toApiGatewayV2Result } from "../src/index.js";
import jwtFixture from "../src/testing/fixtures/apigw-v2-request-jwt-authorizer.json" with { type: "json" };
import plainFixture from "../src/testing/fixtures/apigw-v2-request-no-authorizer.json" with { type: "json" };
import { httpApiEvent } from "../src/testing/index.js";
import type { ApiGatewayV2Event } from "../src/index.js";

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString("utf8"));

describe("HTTP API payload 2.0 -> HttpRequest", () => {
  it("translates the captured sample: method, raw path, repeated query values, cookies, headers, body", () => {
    const event = jwtFixture as unknown as ApiGatewayV2Event;
    expect(isApiGatewayV2(event)).toBe(true);
    expect(isApiGatewayV1(event)).toBe(false);
    const request = fromApiGatewayV2(event);
    expect(request.method).toBe("GET");
    expect(request.path).toBe("/my/path");
    expect(request.query.getAll("parameter1")).toEqual(["value1", "value2"]);
    expect(request.query.get("parameter2")).toBe("value");
    expect(request.headers).toEqual({ header1: "value1", header2: "value2", cookie: "cookie1; cookie2" });
    expect(text(request.body)).toBe('{\r\n\t"a": 1\r\n}');
  });

  it("has no body and no query when the request had none", () => {
    const request = fromApiGatewayV2(plainFixture as unknown as ApiGatewayV2Event);
    expect(request).toMatchObject({ method: "GET", path: "/", body: undefined });
    expect([...request.query]).toEqual([]);
    expect(request.headers["x-amzn-trace-id"]).toBe("Root=1-5e9f0c65-1de4d666d4dd26aced652b6c");
  });

  it("decodes a base64 body to the exact bytes sent", () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const event = httpApiEvent({ method: "POST", path: "/orders", headers: { "content-type": "application/octet-stream" }, body: bytes });
    expect(event.isBase64Encoded).toBe(true);
    expect(fromApiGatewayV2(event).body).toEqual(Buffer.from(bytes));
  });

  it("never reads a body that is not base64 as JSON, however Node's lenient decoder would read it", () => {
    const json = Buffer.from('{"customerId":"c1"}').toString("base64");
    for (const body of [`${json}!!`, `*${json}`, "e30", "not base64 at all"]) {
      const event = {
        ...httpApiEvent({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body: "{}" }),
        body,
        isBase64Encoded: true,
      };
      expect(fromApiGatewayV2(event).body, body).toEqual(new Uint8Array([0xff]));
    }
  });

  it("keeps the path parameter and re-encodes the path that HTTP APIs deliver decoded", () => {
    const event = httpApiEvent({ method: "GET", path: "/orders/ord_01JD%20x%3Fy" });
    expect(event.rawPath).toBe("/orders/ord_01JD x?y");
    expect(fromApiGatewayV2(event).path).toBe("/orders/ord_01JD%20x%3Fy");
  });

  it("drops a named stage from the path, and nothing for $default", () => {
    expect(fromApiGatewayV2(httpApiEvent({ method: "GET", path: "/orders?customerId=c1" }, { stage: "prod" })).path).toBe("/orders");
    expect(fromApiGatewayV2(httpApiEvent({ method: "GET", path: "/prod/orders" })).path).toBe("/prod/orders");
  });

  it("reads header names in any case as lower case", () => {
    const event = { ...httpApiEvent({ method: "GET", path: "/health" }), headers: { "Content-Type": "application/json", "X-Request-Id": "r-1" } };
    expect(fromApiGatewayV2(event).headers).toEqual({ "content-type": "application/json", "x-request-id": "r-1" });
  });
});

describe("HttpResponse -> HTTP API payload 2.0 result", () => {
  it("sends a JSON body as text, with every header", () => {
    const result = toApiGatewayV2Result({ status: 201, headers: { "content-type": "application/json", location: "/orders/x", etag: '"1"' }, body: '{"a":1}' });
    expect(result).toEqual({
      statusCode: 201,
      headers: { "content-type": "application/json", location: "/orders/x", etag: '"1"' },
      body: '{"a":1}',
      isBase64Encoded: false,
    });
  });

  it("moves Set-Cookie into cookies", () => {
    const result = toApiGatewayV2Result({ status: 200, headers: { "set-cookie": "a=1; Secure", "x-request-id": "r" }, body: "" });
    expect(result).toEqual({ statusCode: 200, headers: { "x-request-id": "r" }, cookies: ["a=1; Secure"], isBase64Encoded: false });
  });

  it("base64-encodes a body that is not text", () => {
    const result = toApiGatewayV2Result({ status: 200, headers: { "content-type": "application/octet-stream" }, body: "ab\u00e9" });
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body!, "base64").toString("utf8")).toBe("ab\u00e9");
  });

  it("leaves the body out of a 204", () => {
    expect(toApiGatewayV2Result({ status: 204, headers: { "x-request-id": "r" } })).toEqual({
      statusCode: 204,
      headers: { "x-request-id": "r" },
      isBase64Encoded: false,
    });
  });
});
