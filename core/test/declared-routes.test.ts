import { Type } from "typebox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppDeclarationError,
  collection,
  defineApp,
  http,
  idempotencyCollection,
  json,
  jwtIdentity,
  memoryDocuments,
  route,
  silentLogger,
  type Context,
  type HttpRequest,
  type HttpResponse,
} from "../src/index.js";
import { compileSchemasAtRunTime } from "../src/schemas/index.js";
import { startTestIssuer, type TestIssuer } from "../src/testing/index.js";

const context: Context = { requestId: "r1", cloud: "local", logger: silentLogger };
const ok = { 200: { description: "OK" } };
const Id = Type.Object({ id: Type.String({ pattern: "^[a-z0-9-]{1,20}$" }) });

describe("route() checks a declaration where it is made", () => {
  const refused = (declare: () => unknown) => {
    try {
      declare();
    } catch (error) {
      expect(error).toBeInstanceOf(AppDeclarationError);
      return (error as Error).message;
    }
    throw new Error("declared without an error");
  };
  const answer = async () => json(200, {});

  it("a path parameter without a params property, or a property the path does not name, is refused naming it", () => {
    expect(refused(() => route({ method: "GET", path: "/notes/{id}", answers: ok }, answer))).toMatch(
      /GET \/notes\/\{id\}: the path has parameters \(id\): declare them in params/,
    );
    expect(refused(() => route({ method: "GET", path: "/notes/{id}", params: Type.Object({ noteId: Type.String() }), answers: ok }, answer))).toMatch(
      /params has no property for the path's \{id\}/,
    );
    expect(
      refused(() => route({ method: "GET", path: "/notes/{id}", params: Type.Object({ id: Type.String(), page: Type.String() }), answers: ok }, answer)),
    ).toMatch(/params declares page, which the path does not name/);
    expect(
      refused(() => route({ method: "GET", path: "/notes/{id}", params: Type.Object({ id: Type.Optional(Type.String()) }), answers: ok }, answer)),
    ).toMatch(/id must not be optional/);
    expect(refused(() => route({ method: "GET", path: "/notes/{id}/{id}", params: Id, answers: ok }, answer))).toMatch(/names \{id\} twice/);
    expect(refused(() => route({ method: "GET", path: "notes", answers: ok }, answer))).toMatch(/must start with \//);
  });

  it("a method the router does not serve, no answers, a GET body, an idempotent PUT and a nested query are refused", () => {
    expect(refused(() => route({ method: "TRACE" as "GET", path: "/x", answers: ok }, answer))).toMatch(
      /the method must be one of GET, POST, PUT, PATCH, DELETE/,
    );
    expect(refused(() => route({ method: "GET", path: "/x", answers: {} }, answer))).toMatch(/declare at least one answer/);
    expect(refused(() => route({ method: "GET", path: "/x", body: Type.Object({}), answers: ok }, answer))).toMatch(/a GET has no body/);
    expect(refused(() => route({ method: "PUT", path: "/x", idempotent: true, answers: ok }, answer))).toMatch(/only a POST can be idempotent/);
    expect(refused(() => route({ method: "GET", path: "/x", query: Type.Object({ filter: Type.Object({ a: Type.String() }) }), answers: ok }, answer))).toMatch(
      /query.filter must be a string, number, integer or boolean, or an array of one of these/,
    );
    expect(refused(() => route({ method: "GET", path: "/x", answers: { 700: { description: "?" } } }, answer))).toMatch(/answer 700 is not an HTTP status/);
  });

  it("http() refuses one method and path twice, an idempotent route without idempotency, and a path both open and not", () => {
    const get = route({ method: "GET", path: "/x", answers: ok }, answer);
    expect(refused(() => http([get, get]))).toMatch(/route GET \/x is declared twice/);
    expect(refused(() => http([route({ method: "POST", path: "/x", idempotent: true, answers: ok }, answer)]))).toMatch(
      /route POST \/x is idempotent: give its http function the idempotency option/,
    );
    expect(refused(() => http([get, route({ method: "POST", path: "/x", open: true, answers: ok }, answer)]))).toMatch(/make both open or neither/);
  });
});

describe("a bound route whose schema has no compiled validator", () => {
  it("fails at bind, saying how to get one", () => {
    const unseen = route({ method: "POST", path: "/unseen", body: Type.Object({ never: Type.Literal("compiled") }), answers: ok }, async () => json(200, {}));
    const app = defineApp({ name: "unseen", functions: { api: http([unseen]) } });
    expect(() => app.functions.api.bind(undefined as never)).toThrow(
      /route POST \/unseen's body schema has no compiled validator .*skyport build compiles .*compileSchemasAtRunTime\(\) from @skyport\/core\/schemas/,
    );
  });
});

interface Services {
  greeting: string;
}

const Note = Type.Object(
  {
    owner: Type.String({ pattern: "^[a-z]{1,20}$", "x-error-message": "must be 1-20 of a-z" }),
    text: Type.String({ minLength: 1, maxLength: 100 }),
    tags: Type.Optional(Type.Array(Type.String(), { maxItems: 2 })),
  },
  { additionalProperties: false },
);
const Listing = Type.Object({
  owner: Type.String({ minLength: 1 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  done: Type.Optional(Type.Boolean()),
  tag: Type.Optional(Type.Array(Type.String({ minLength: 2 }))),
});

const routes = [
  route(
    { method: "POST", path: "/notes/{id}", params: Id, body: Note, answers: { 201: { description: "Made" } } },
    async ({ params, body }, services: Services) => json(201, { ...body, id: params.id, greeting: services.greeting }),
  ),
  route({ method: "GET", path: "/notes", query: Listing, answers: ok }, async ({ query, body }) => json(200, { query, body: body ?? null })),
  route({ method: "GET", path: "/pages/{page}", params: Type.Object({ page: Type.Integer({ minimum: 1 }) }), answers: ok }, async ({ params }) =>
    json(200, { next: params.page + 1 }),
  ),
];

describe("a declared route's inputs, checked before its handler", () => {
  let handler: (request: HttpRequest, context: Context) => Promise<HttpResponse>;
  beforeAll(() => {
    compileSchemasAtRunTime();
    const app = defineApp({ name: "notes", functions: { api: http(routes) } });
    handler = app.functions.api.bind({ greeting: "hi" }) as typeof handler;
  });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = { "content-type": "application/json" }) => {
    const [pathname, search] = path.split("?");
    const response = await handler(
      {
        method,
        path: pathname!,
        query: new URLSearchParams(search),
        headers,
        body: body === undefined ? undefined : Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
      },
      context,
    );
    return { status: response.status, type: response.headers["content-type"], body: response.body ? JSON.parse(response.body) : undefined };
  };

  it("a valid body reaches the handler, typed, with the services and the params", async () => {
    expect(await call("POST", "/notes/n-1", { owner: "ada", text: "hello", tags: ["a"] })).toEqual({
      status: 201,
      type: "application/json",
      body: { owner: "ada", text: "hello", tags: ["a"], id: "n-1", greeting: "hi" },
    });
  });

  it("every broken rule of the params and the body is reported at once, in one 400 validation problem, each at its path", async () => {
    const answer = await call("POST", "/notes/NOT%20ONE", { owner: "Ada!", tags: ["a", "b", "c"], colour: "red" });
    expect([answer.status, answer.type]).toEqual([400, "application/problem+json"]);
    expect(answer.body).toMatchObject({ type: "https://skyport.dev/problems/validation", status: 400, detail: "The request is not valid." });
    expect(answer.body.errors).toEqual([
      { path: "id", message: 'must match pattern "^[a-z0-9-]{1,20}$"' },
      { path: "/colour", message: "unknown field" },
      { path: "/owner", message: "must be 1-20 of a-z" },
      { path: "/text", message: "is required" },
      { path: "/tags", message: "must NOT have more than 2 items" },
    ]);
  });

  it("a body that is not JSON is the 400 malformed-json, one sent as text a 415, as the order API answers them", async () => {
    expect(await call("POST", "/notes/n-2", "{not json")).toMatchObject({ status: 400, body: { type: "https://skyport.dev/problems/malformed-json" } });
    expect((await call("POST", "/notes/n-2", "x", { "content-type": "text/plain" })).status).toBe(415);
  });

  it("the query is coerced to the schema's integer, boolean and arrays; a route without a body schema gets body undefined", async () => {
    expect(await call("GET", "/notes?owner=ada&limit=20&done=true&tag=ab&tag=cd&other=ignored")).toEqual({
      status: 200,
      type: "application/json",
      body: { query: { owner: "ada", limit: 20, done: true, tag: ["ab", "cd"] }, body: null },
    });
  });

  it("a bad query names each parameter: not an integer, out of range, given twice, a bad item, missing", async () => {
    const answer = await call("GET", "/notes?limit=many&done=yes&tag=ok&tag=x");
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { path: "owner", message: "is required" },
      { path: "limit", message: "must be integer" },
      { path: "done", message: "must be boolean" },
      { path: "tag/1", message: "must NOT have fewer than 2 characters" },
    ]);
    expect((await call("GET", "/notes?owner=a&owner=b&limit=0")).body.errors).toEqual([
      { path: "owner", message: "must appear once" },
      { path: "limit", message: "must be >= 1" },
    ]);
  });

  it("a path parameter is coerced to the schema's integer, and one that is not is a 400 at its name", async () => {
    expect((await call("GET", "/pages/2")).body).toEqual({ next: 3 });
    expect(await call("GET", "/pages/two")).toMatchObject({ status: 400, body: { errors: [{ path: "page", message: "must be integer" }] } });
    expect(await call("HEAD", "/pages/2")).toMatchObject({ status: 200 });
  });

  it("the router still answers 404, 405 with Allow and OPTIONS for declared routes", async () => {
    expect((await call("GET", "/nothing")).status).toBe(404);
    const [wrong] = await Promise.all([handler({ method: "DELETE", path: "/notes", query: new URLSearchParams(), headers: {} }, context)]);
    expect([wrong!.status, wrong!.headers.allow]).toEqual([405, "GET, HEAD, OPTIONS"]);
  });
});

describe("an idempotent declared POST", () => {
  it("replays its first answer for the same key and body, the body checked first", async () => {
    compileSchemasAtRunTime();
    const documents = memoryDocuments();
    const keys = documents.collection(idempotencyCollection);
    let made = 0;
    const things = collection<{ id: string }>("things", { key: ["id"] });
    const create = route(
      { method: "POST", path: "/things", idempotent: true, body: Type.Object({ name: Type.String() }), answers: { 201: { description: "Made" } } },
      async ({ body }) => json(201, { n: ++made, name: body.name }),
    );
    const app = defineApp({ name: "things", collections: { things }, functions: { api: http([create], { idempotency: () => ({ keys }) }) } });
    const handler = app.functions.api.bind(undefined as never) as (request: HttpRequest, context: Context) => Promise<HttpResponse>;
    const post = (body: unknown) =>
      handler(
        {
          method: "POST",
          path: "/things",
          query: new URLSearchParams(),
          headers: { "content-type": "application/json", "idempotency-key": "k1" },
          body: Buffer.from(JSON.stringify(body)),
        },
        context,
      );
    expect((await post({ name: 1 })).status).toBe(400);
    const first = await post({ name: "a" });
    const again = await post({ name: "a" });
    expect([first.status, again.status, again.headers["idempotent-replayed"], again.body]).toEqual([201, 201, "true", first.body]);
    expect(made).toBe(1);
  });
});

describe("a declared route behind the identity check", () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it("answers 401 to a caller without a token before it looks at the body, then checks a caller's body; an open route needs no token", async () => {
    compileSchemasAtRunTime();
    const create = route({ method: "POST", path: "/notes/{id}", params: Id, body: Note, answers: { 201: { description: "Made" } } }, async ({ body }) =>
      json(201, body),
    );
    const health = route({ method: "GET", path: "/health", open: true, answers: ok }, async (_input, _services, context) =>
      json(200, { caller: context.principal ?? null }),
    );
    const app = defineApp({ name: "guarded", functions: { api: http([create, health], { identity: () => jwtIdentity(issuer) }) } });
    const handler = app.functions.api.bind(undefined as never) as (request: HttpRequest, context: Context) => Promise<HttpResponse>;
    const post = (headers: Record<string, string>) =>
      handler(
        {
          method: "POST",
          path: "/notes/n-1",
          query: new URLSearchParams(),
          headers: { "content-type": "application/json", ...headers },
          body: Buffer.from("{}"),
        },
        context,
      );
    expect((await post({})).status).toBe(401);
    const checked = await post({ authorization: `Bearer ${await issuer.mint({ sub: "ada" })}` });
    expect([checked.status, JSON.parse(checked.body!).errors.map((error: { path: string }) => error.path)]).toEqual([400, ["/owner", "/text"]]);
    const open = await handler({ method: "GET", path: "/health", query: new URLSearchParams(), headers: {} }, context);
    expect([open.status, JSON.parse(open.body!)]).toEqual([200, { caller: null }]);
  });
});

describe("a handler's inputs are typed from the route's schemas", () => {
  it("a declared body is its schema's type, an input without a schema is undefined (checked by tsc)", () => {
    const typed = route({ method: "POST", path: "/notes/{id}", params: Id, body: Note, answers: ok }, async ({ body, params, query }) => {
      const owner: string = body.owner;
      const tags: string[] | undefined = body.tags;
      const id: string = params.id;
      const none: undefined = query;
      // @ts-expect-error text is a string, not a number
      const text: number = body.text;
      return json(200, { owner, tags, id, none, text });
    });
    const untyped = route({ method: "GET", path: "/plain", answers: ok }, async ({ body }) => {
      // @ts-expect-error a route without a body schema gets no body
      body.anything;
      return json(200, {});
    });
    expect([typed.method, untyped.method]).toEqual(["POST", "GET"]);
  });
});
