import { describe, expect, it } from "vitest";
import { fromApiGatewayV2, isApiGatewayV2 } from "../src/index.js";
import fixture from "../src/testing/fixtures/lambda-urls-request.json" with { type: "json" };
import { functionUrlEvent } from "../src/testing/index.js";
import type { ApiGatewayV2Event } from "../src/index.js";

describe("Lambda function URL -> HttpRequest", () => {
  it("translates the captured sample: a comma-joined header stays one value, cookies become a header", () => {
    const event = fixture as unknown as ApiGatewayV2Event;
    expect(isApiGatewayV2(event)).toBe(true);
    const request = fromApiGatewayV2(event);
    expect(request).toMatchObject({ method: "POST", path: "/my/path" });
    expect(request.headers).toEqual({ header1: "value1", header2: "value1,value2", cookie: "cookie1; cookie2" });
    expect(request.query.getAll("parameter1")).toEqual(["value1", "value2"]);
    expect(Buffer.from(request.body!).toString()).toBe("Hello from client!");
  });

  it("keeps an encoded path as it arrived", () => {
    expect(fromApiGatewayV2(functionUrlEvent({ method: "GET", path: "/orders/a%2Fb" })).path).toBe("/orders/a%2Fb");
  });
});
