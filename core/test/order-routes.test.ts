import { Type } from "typebox";
import { describe, expect, it } from "vitest";
import { json, ORDER_ROUTES, route, routeSchemas, schemaKey } from "../src/index.js";
import { LIST_QUERY_SCHEMA, NEW_ORDER_SCHEMA, ORDER_ID_PARAMS_SCHEMA, STATUS_CHANGE_SCHEMA } from "../src/orders/schema.js";

describe("the order service's declared routes", () => {
  it("check the order API's own schemas, compiled ahead of time with the package: the build compiles none of them again", () => {
    const declared = ORDER_ROUTES.flatMap((spec) => [spec.params, spec.query, spec.body]).filter((schema) => schema !== undefined);
    expect(new Set(declared.map(schemaKey))).toEqual(
      new Set([NEW_ORDER_SCHEMA, STATUS_CHANGE_SCHEMA, LIST_QUERY_SCHEMA, ORDER_ID_PARAMS_SCHEMA].map(schemaKey)),
    );
    expect(routeSchemas(ORDER_ROUTES)).toEqual({});
  });

  it("leave the build a schema that no package compiled", () => {
    const own = Type.Object({ note: Type.String({ maxLength: 7 }) });
    const notes = route({ method: "POST", path: "/notes", body: own, answers: { 201: { description: "Made." } } }, async () => json(201, {}));
    expect(Object.keys(routeSchemas([...ORDER_ROUTES, notes]))).toEqual([schemaKey(own)]);
  });
});
