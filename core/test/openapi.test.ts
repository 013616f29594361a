import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
// @ts-expect-error: a plain .mjs script without types
import { TYPES, openApiTypesSource } from "../scripts/openapi-types.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { PROBLEM_BASE, PROBLEMS, type ProblemKind } from "../src/http/problem.js";
import type { Route } from "../src/http/router.js";
import { createOrderService, orderRoutes, type OrderDeps } from "../src/orders/index.js";
import { openApiDocument } from "../src/openapi/document.js";
import { ORDER_API } from "../src/orders/openapi.js";
import { memoryOrderDeps, serviceSend } from "../src/orders/testing/index.js";

const API_MD = readFileSync(new URL("../../docs/API.md", import.meta.url), "utf8");
const METHODS = ["get", "head", "post", "put", "patch", "delete", "options"] as const;

type Operation = { operationId: string; responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }> };
type Document = { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>; components: { responses: Record<string, unknown> } };

const send = serviceSend(createOrderService(memoryOrderDeps()));
let document: Document;

beforeAll(async () => {
  const response = await send({ method: "GET", path: "/openapi.json" });
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toBe("application/json");
  document = JSON.parse(response.body);
});

/** The statuses an operation answers, each with the problem types it may carry. */
function problemTypes(operation: Operation): string[] {
  return Object.values(operation.responses).flatMap((response) => {
    const kind = response.$ref?.replace("#/components/responses/", "");
    if (kind) return [PROBLEM_BASE + kind];
    const schema = response.content?.["application/problem+json"]?.schema as { allOf?: [unknown, { properties: { type: { enum: string[] } } }] } | undefined;
    return schema?.allOf?.[1].properties.type.enum ?? [];
  });
}

const operations = () => Object.values(document.paths).flatMap((item) => METHODS.flatMap((method) => (item[method] ? [item[method]] : [])));

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("documents exactly the routes of the route table, HEAD wherever GET is and OPTIONS everywhere", () => {
    const routes = orderRoutes(memoryOrderDeps() as OrderDeps);
    expect(Object.keys(document.paths).sort()).toEqual(routes.map((route) => route.path).sort());
    for (const route of routes) {
      const documented = METHODS.filter((method) => document.paths[route.path]![method]).map((m) => m.toUpperCase());
      const routed = [...Object.keys(route.methods), ...(route.methods.GET ? ["HEAD"] : []), "OPTIONS"];
      expect(documented.sort(), route.path).toEqual(routed.sort());
    }
  });

  it("documents every request of docs/API.md's HTTP table", () => {
    const rows = [...API_MD.matchAll(/^\| `(GET|POST|PATCH|PUT|DELETE) (\/[^?` ]*)/gm)].map(([, method, path]) => [method!.toLowerCase(), path!] as const);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const [method, path] of rows) expect(document.paths[path]?.[method as "get"], `${method} ${path}`).toBeDefined();
  });

  it("documents every problem kind with its type URI, and every status docs/API.md's Errors section names", () => {
    const answered = new Set(operations().flatMap(problemTypes));
    for (const kind of Object.keys(PROBLEMS) as ProblemKind[]) {
      expect(document.components.responses[kind], kind).toBeDefined();
      // No operation answers 405: the router does, for a method a path lacks; the component documents it.
      if (kind !== "method-not-allowed") expect([...answered], kind).toContain(PROBLEM_BASE + kind);
    }
    const errors = API_MD.slice(API_MD.indexOf("## Errors"), API_MD.indexOf("\n## ", API_MD.indexOf("## Errors") + 1));
    const statuses = new Set([...errors.matchAll(/\b([45]\d\d)\b/g)].map((m) => Number(m[1])));
    expect(statuses.size).toBeGreaterThanOrEqual(10);
    const documented = new Set(Object.values(PROBLEMS).map((p) => p.status));
    for (const status of statuses) expect([...documented], `status ${status}`).toContain(status);
    const listed = operations().flatMap((operation) => Object.keys(operation.responses).map(Number));
    for (const status of statuses) if (status !== 405) expect(listed, `status ${status} on some operation`).toContain(status);
  });

  it("refuses a route the description does not document, and a description of a route that is gone", () => {
    const routes = orderRoutes(memoryOrderDeps() as OrderDeps);
    const undocumented: Route = { path: "/orders/{id}/notes", methods: { GET: async () => ({ status: 200, headers: {} }) } };
    expect(() => openApiDocument([...routes, undocumented], ORDER_API)).toThrow("GET /orders/{id}/notes is routed but not documented");
    expect(() => openApiDocument(routes.slice(1), ORDER_API)).toThrow("documents GET /health, which the route table lacks");
  });

  it("describes what the service answers: an order, a page, a problem", async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false }).addSchema(document, "openapi");
    const schema = (name: string) => ajv.getSchema(`openapi#/components/schemas/${name}`)!;
    const created = await send({
      method: "POST",
      path: "/orders",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customerId: "cus_doc", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], currency: "EUR" }),
    });
    expect(created.status).toBe(201);
    const order = JSON.parse(created.body);
    expect(schema("Order")(order), JSON.stringify(schema("Order").errors)).toBe(true);
    expect(schema("Order")({ ...order, shipment: { shipmentId: "s1", carrier: "DHL", trackingNumber: "T1", dispatchedAt: order.createdAt } })).toBe(true);
    expect(schema("Order")({ ...order, total: 1.5 })).toBe(false);
    const page = JSON.parse((await send({ method: "GET", path: "/orders?customerId=cus_doc" })).body);
    expect(schema("OrderPage")(page), JSON.stringify(schema("OrderPage").errors)).toBe(true);
    const problem = JSON.parse((await send({ method: "GET", path: "/orders" })).body);
    expect(schema("Problem")(problem), JSON.stringify(schema("Problem").errors)).toBe(true);
  });

  it("is what the typed client's types were generated from (npm run openapi-types -w @skyport/core)", async () => {
    expect(readFileSync(TYPES, "utf8")).toBe(await openApiTypesSource(document));
  });
});
