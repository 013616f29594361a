import { Validator } from "@seriousme/openapi-schema-validator";
import { Type } from "typebox";
import { describe, expect, it } from "vitest";
import { problems } from "../src/app/problems.js";
import type { RouteSpec } from "../src/http/declared-route.js";
import { PROBLEM_BASE } from "../src/http/problem.js";
import { declaredApiDocument, defaultOperationId } from "../src/openapi/declared-api.js";

const METHODS = ["get", "head", "post", "put", "patch", "delete", "options"] as const;
const BASE = "https://library.example/problems/";
const libraryProblems = problems({ "book-unavailable": { status: 409, title: "Book unavailable" } }, { base: BASE });

const Book = Type.Object({ id: Type.String(), title: Type.String({ minLength: 1 }), copies: Type.Integer({ minimum: 0 }) }, { $id: "Book" });
const NewBook = Type.Object({ title: Type.String({ minLength: 1 }), copies: Type.Integer({ minimum: 0 }) }, { $id: "NewBook" });
const BookId = Type.Object({ id: Type.String({ pattern: "^[a-z0-9-]{1,36}$" }) });
const ETAG = { description: "The book's version, quoted.", schema: Type.String() };

/** A small lending library, declared as its routes are: what its document is made from. */
const LIBRARY: RouteSpec[] = [
  {
    method: "POST",
    path: "/books",
    summary: "Add a book.",
    body: NewBook,
    idempotent: true,
    answers: { 201: { description: "Added.", body: Book, headers: { Location: { description: "/books/{id}" }, ETag: ETAG } } },
    problems: ["book-unavailable"],
  },
  {
    method: "GET",
    path: "/books",
    operationId: "listBooks",
    query: Type.Object({ author: Type.String({ description: "Whose books." }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }),
    answers: { 200: { description: "A page.", body: Type.Object({ items: Type.Array(Book), cursor: Type.Optional(Type.String()) }) } },
  },
  {
    method: "GET",
    path: "/books/{id}",
    params: BookId,
    answers: { 200: { description: "The book.", body: Book, headers: { ETag: ETAG } }, 304: { description: "Not modified." } },
    problems: ["not-found"],
  },
  {
    method: "PUT",
    path: "/books/{id}",
    params: BookId,
    body: NewBook,
    answers: { 200: { description: "Replaced.", body: Book } },
    problems: ["not-found", "precondition-failed", "book-unavailable"],
  },
  { method: "GET", path: "/health", open: true, answers: { 200: { description: "Up.", body: Type.Object({ status: Type.Literal("ok") }) } } },
];

type Operation = {
  operationId: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
};
type Document = {
  security?: unknown;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    responses: Record<string, { content: Record<string, { schema: unknown }> }>;
    securitySchemes?: unknown;
  };
};

const documentOf = (identity: boolean) =>
  declaredApiDocument(LIBRARY, { info: { title: "library", version: "1.0.0" }, identity, problems: libraryProblems.at({}).kinds }) as unknown as Document;
const operation = (document: Document, method: (typeof METHODS)[number], path: string) => document.paths[path]![method]!;
/** The problem `type` URIs an operation's answer with `status` may carry. */
function typesAt(document: Document, op: Operation, status: number): string[] {
  const response = op.responses[status]!;
  const resolved = response.$ref ? document.components.responses[response.$ref.replace("#/components/responses/", "")]! : response;
  const schema = resolved.content!["application/problem+json"]!.schema as { allOf: [unknown, { properties: { type: { enum: string[] } } }] };
  return schema.allOf[1].properties.type.enum;
}

describe("the OpenAPI document of declared routes", () => {
  const document = documentOf(true);

  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("has each declared path and method, HEAD wherever GET is, OPTIONS everywhere, and GET /openapi.json", () => {
    const methods = Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [path, METHODS.filter((method) => item[method])]));
    expect(methods).toEqual({
      "/books": ["get", "head", "post", "options"],
      "/books/{id}": ["get", "head", "put", "options"],
      "/health": ["get", "head", "options"],
      "/openapi.json": ["get", "head", "options"],
    });
    expect(operation(document, "get", "/books/{id}").operationId).toBe("getBooksById");
    expect(operation(document, "head", "/books/{id}").operationId).toBe("getBooksByIdHead");
    expect(operation(document, "get", "/books").operationId).toBe("listBooks");
    expect(defaultOperationId("DELETE", "/shelves/{shelfId}/books")).toBe("deleteShelvesByShelfIdBooks");
  });

  it("names the schemas that have an $id in components, nested ones too, and writes the others in place", () => {
    expect(Object.keys(document.components.schemas).sort()).toEqual(["Book", "NewBook", "OpenApiDocument", "Problem"]);
    const { $id: _id, ...inComponents } = Book as typeof Book & { $id: string };
    expect(document.components.schemas.Book).toEqual(inComponents);
    expect(JSON.stringify(document.components)).not.toContain('"$id"');
    expect(operation(document, "post", "/books").requestBody!.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/NewBook" });
    const page = operation(document, "get", "/books").responses[200]!.content!["application/json"]!.schema as { properties: { items: { items: unknown } } };
    expect(page.properties.items.items).toEqual({ $ref: "#/components/schemas/Book" });
    expect(operation(document, "head", "/books").responses[200]!.content).toBeUndefined();
  });

  it("turns the query's and the path's schemas into parameters, and an idempotent POST's Idempotency-Key", () => {
    const query = operation(document, "get", "/books").parameters!;
    expect(query.map(({ name, in: where, required }) => [name, where, required])).toEqual([
      ["author", "query", true],
      ["limit", "query", false],
    ]);
    expect(query[1]!.schema).toEqual({ type: "integer", minimum: 1, maximum: 50 });
    expect(operation(document, "put", "/books/{id}").parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[a-z0-9-]{1,36}$" } },
    ]);
    expect(operation(document, "post", "/books").parameters!.map((p) => [p.name, p.in])).toEqual([["Idempotency-Key", "header"]]);
  });

  it("answers the app's own problems with their type under the app's base, beside the framework's under its own", () => {
    expect(typesAt(document, operation(document, "put", "/books/{id}"), 409)).toEqual([`${BASE}book-unavailable`]);
    expect(typesAt(document, operation(document, "put", "/books/{id}"), 412)).toEqual([`${PROBLEM_BASE}precondition-failed`]);
    expect(typesAt(document, operation(document, "post", "/books"), 409).sort()).toEqual([`${BASE}book-unavailable`, `${PROBLEM_BASE}idempotency-in-flight`]);
    expect(typesAt(document, operation(document, "post", "/books"), 422)).toEqual([`${PROBLEM_BASE}idempotency-mismatch`]);
  });

  it("answers 400 where a route declares a body, query or path schema, 415 and 413 for a body, 500 and 503 everywhere", () => {
    const statuses = (method: (typeof METHODS)[number], path: string) => Object.keys(operation(document, method, path).responses);
    expect(statuses("post", "/books")).toEqual(["201", "400", "401", "409", "413", "415", "422", "500", "503"]);
    expect(statuses("get", "/books")).toEqual(["200", "400", "401", "500", "503"]);
    expect(statuses("get", "/books/{id}")).toEqual(["200", "304", "400", "401", "404", "500", "503"]);
    expect(statuses("get", "/health")).toEqual(["200", "500", "503"]);
    expect(typesAt(document, operation(document, "post", "/books"), 400).sort()).toEqual([`${PROBLEM_BASE}malformed-json`, `${PROBLEM_BASE}validation`]);
  });

  it("asks a bearer token of every route but the open ones where the app checks identity, and of none where it does not", () => {
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components.securitySchemes).toBeDefined();
    expect(operation(document, "get", "/health").security).toEqual([]);
    expect(operation(document, "get", "/openapi.json").security).toEqual([]);
    expect(operation(document, "get", "/books").security).toBeUndefined();
    const open = documentOf(false);
    expect([open.security, open.components.securitySchemes]).toEqual([undefined, undefined]);
    const everyOperation = Object.values(open.paths).flatMap((item) => METHODS.flatMap((method) => (item[method] ? [item[method]] : [])));
    for (const op of everyOperation) expect([op.operationId, op.security, op.responses[401]]).toEqual([op.operationId, undefined, undefined]);
  });

  it("refuses a problem kind neither the framework nor the app declares, one operationId twice, and a route twice", () => {
    const info = { title: "library", version: "1" };
    const lost: RouteSpec = { method: "DELETE", path: "/books/{id}", answers: { 204: { description: "Gone." } }, problems: ["book-lost"] };
    expect(() => declaredApiDocument([lost], { info, identity: false })).toThrow('problem kind "book-lost" is neither the framework\'s');
    expect(() =>
      declaredApiDocument([...LIBRARY, { ...LIBRARY[1]!, path: "/authors" }], { info, identity: false, problems: libraryProblems.at({}).kinds }),
    ).toThrow("the operationId listBooks (GET /authors) is another route's too");
    expect(() => declaredApiDocument([LIBRARY[4]!, LIBRARY[4]!], { info, identity: false })).toThrow("GET /health is declared twice");
    const twoBooks = Type.Object({ id: Type.Integer() }, { $id: "Book" });
    expect(() =>
      declaredApiDocument([{ ...LIBRARY[2]!, answers: { 200: { description: "", body: twoBooks } } }, LIBRARY[3]!], {
        info,
        identity: false,
        problems: libraryProblems.at({}).kinds,
      }),
    ).toThrow('two different schemas have the $id "Book"');
  });
});
