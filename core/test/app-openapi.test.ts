import { Validator } from "@seriousme/openapi-schema-validator";
import { Type } from "typebox";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AppDeclarationError,
  appOpenApiDocument,
  defineApp,
  http,
  idempotencyCollection,
  json,
  memoryDocuments,
  problems,
  route,
  silentLogger,
  Unauthenticated,
  type AppProblems,
  type Collection,
  type Context,
  type HttpRequest,
  type HttpResponse,
  type IdempotencyDocument,
  type IdentityCheck,
} from "../src/index.js";
import { compileSchemasAtRunTime } from "../src/schemas/index.js";

const DECLARED_BASE = "https://library.example/problems/";
const RUNTIME_BASE = "https://runtime.example/problems/";
const libraryProblems = problems({ "book-unavailable": { status: 409, title: "Book unavailable" } }, { base: DECLARED_BASE });

interface Services {
  identity: IdentityCheck;
  keys: Collection<IdempotencyDocument>;
  problems: AppProblems<"book-unavailable">;
}

const Book = Type.Object({ id: Type.String(), title: Type.String({ minLength: 1 }) }, { $id: "Book" });
const routes = [
  route(
    {
      method: "POST",
      path: "/books",
      body: Type.Object({ title: Type.String({ minLength: 1 }) }),
      idempotent: true,
      answers: { 201: { description: "Added.", body: Book } },
      problems: ["book-unavailable"],
    },
    async ({ body }) => json(201, { id: "b-1", title: body.title }),
  ),
  route(
    { method: "GET", path: "/books/{id}", params: Type.Object({ id: Type.String() }), answers: { 200: { description: "The book.", body: Book } } },
    async ({ params }) => json(200, { id: params.id, title: "Dune" }),
  ),
];

/** A library whose identity check refuses every caller: only its open routes answer. */
const library = defineApp({
  name: "library",
  functions: {
    api: http(routes, {
      identity: (services: Services) => services.identity,
      idempotency: (services) => ({ keys: services.keys }),
      problems: { declared: libraryProblems, at: (services) => services.problems },
      info: { title: "library", version: "2.1.0" },
    }),
  },
});

const context: Context = { requestId: "r1", cloud: "local", logger: silentLogger };
let handler: (request: HttpRequest, context: Context) => Promise<HttpResponse>;
const send = (method: string, path: string) => handler({ method, path, query: new URLSearchParams(), headers: {} }, context);

beforeAll(() => {
  compileSchemasAtRunTime();
  const services: Services = {
    identity: { authenticate: async () => Promise.reject(new Unauthenticated(false, "no token")) },
    keys: memoryDocuments().collection(idempotencyCollection),
    problems: libraryProblems.at({ SKYPORT_PROBLEM_BASE: RUNTIME_BASE }),
  };
  handler = library.functions.api.bind(services) as typeof handler;
});

describe("GET /openapi.json of an app with declared routes", () => {
  it("is served open, beside routes that need a token, HEAD too", async () => {
    expect((await send("GET", "/books/b-1")).status).toBe(401);
    const served = await send("GET", "/openapi.json");
    expect([served.status, served.headers["content-type"]]).toEqual([200, "application/json"]);
    expect((await send("HEAD", "/openapi.json")).status).toBe(200);
  });

  it("is a valid OpenAPI 3.1 document: the one skyport client builds without starting the app, at the instance's problem base", async () => {
    const served = JSON.parse((await send("GET", "/openapi.json")).body!);
    const validator = new Validator();
    expect((await validator.validate(structuredClone(served))).errors ?? []).toEqual([]);
    expect(served).toEqual(appOpenApiDocument(library, { SKYPORT_PROBLEM_BASE: RUNTIME_BASE }));
    expect(served.info).toEqual({ title: "library", version: "2.1.0" });
    expect(served.components.responses["book-unavailable"].content["application/problem+json"].schema.allOf[1].properties.type.enum).toEqual([
      `${RUNTIME_BASE}book-unavailable`,
    ]);
    expect(Object.keys(served.paths)).toEqual(["/books", "/books/{id}", "/openapi.json"]);
    expect(served.paths["/openapi.json"].get.security).toEqual([]);
  });

  it("without an instance, has the app's problem kinds under their declared base", () => {
    const document = appOpenApiDocument(library) as { components: { responses: Record<string, unknown> } };
    expect(JSON.stringify(document.components.responses["book-unavailable"])).toContain(`${DECLARED_BASE}book-unavailable`);
  });

  it("is the framework's: an app may not declare a route of its own there, and an app without declared routes has none to describe", () => {
    const own = route({ method: "GET", path: "/openapi.json", answers: { 200: { description: "Mine." } } }, async () => json(200, {}));
    expect(() => http([own])).toThrow(AppDeclarationError);
    const table = defineApp({ name: "table", functions: { api: http(() => []) } });
    expect(() => appOpenApiDocument(table)).toThrow("app table has no http function with declared routes");
  });
});
