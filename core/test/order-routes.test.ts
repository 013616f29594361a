import { Type } from "typebox";
import { describe, expect, it } from "vitest";
import { AppDeclarationError, json, route, routeSchemas, schemaKey } from "../src/index.js";
import { createOrderService, ORDER_ROUTES } from "../src/orders/index.js";
import {
  CREATE_HEADERS_SCHEMA,
  IF_MATCH_HEADERS_SCHEMA,
  LIST_QUERY_SCHEMA,
  NEW_ORDER_SCHEMA,
  ORDER_ID_PARAMS_SCHEMA,
  STATUS_CHANGE_SCHEMA,
} from "../src/orders/schema.js";
import { memoryOrderDeps, serviceSend } from "../src/orders/testing/index.js";

describe("the order service's declared routes", () => {
  it("check the order API's own schemas, compiled ahead of time with the package: the build compiles none of them again", () => {
    const declared = ORDER_ROUTES.flatMap((spec) => [spec.params, spec.query, spec.headers, spec.body]).filter((schema) => schema !== undefined);
    expect(new Set(declared.map(schemaKey))).toEqual(
      new Set(
        [NEW_ORDER_SCHEMA, STATUS_CHANGE_SCHEMA, LIST_QUERY_SCHEMA, ORDER_ID_PARAMS_SCHEMA, CREATE_HEADERS_SCHEMA, IF_MATCH_HEADERS_SCHEMA].map(schemaKey),
      ),
    );
    expect(routeSchemas(ORDER_ROUTES)).toEqual({});
  });

  it("leave the build a schema that no package compiled", () => {
    const own = Type.Object({ note: Type.String({ maxLength: 7 }) });
    const notes = route({ method: "POST", path: "/notes", body: own, answers: { 201: { description: "Made." } } }, async () => json(201, {}));
    expect(Object.keys(routeSchemas([...ORDER_ROUTES, notes]))).toEqual([schemaKey(own)]);
  });

  it("check the headers they declare with the body, every broken rule in one 400: a header's at its name", async () => {
    const send = serviceSend(createOrderService(memoryOrderDeps()));
    const response = await send({
      method: "POST",
      path: "/orders",
      headers: { "content-type": "application/json", "idempotency-key": "has space" },
      body: JSON.stringify({ customerId: "cus_h", items: [], currency: "EUR" }),
    });
    expect(response.status, response.body).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual([
      { path: "Idempotency-Key", message: "must be 1-255 visible ASCII characters" },
      { path: "/items", message: "must be an array of 1-100 items" },
    ]);
  });
});

describe("a route's declared headers", () => {
  it("are strings by header name: another type is refused where declared", () => {
    const declare = () =>
      route({ method: "GET", path: "/notes", headers: Type.Object({ "X-Count": Type.Integer() }), answers: { 200: { description: "Notes." } } }, async () =>
        json(200, []),
      );
    expect(declare).toThrow(AppDeclarationError);
    expect(declare).toThrow("headers.X-Count must be a string");
  });
});
