import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collection,
  defineApp,
  http,
  idempotencyCollection,
  json,
  jwtIdentity,
  memoryDocuments,
  silentLogger,
  type Collection,
  type Context,
  type HttpRequest,
  type HttpResponse,
  type IdempotencyDocument,
} from "../src/index.js";
import { startTestIssuer, type TestIssuer } from "../src/testing/index.js";

const context: Context = { requestId: "r1", cloud: "local", logger: silentLogger };

interface Thing {
  id: string;
  name: string;
}

/** An app with one idempotent POST that creates a thing per run; `gate` holds a run until it opens, `fail` makes runs throw. */
function thingsApp(identity?: ReturnType<typeof jwtIdentity>) {
  const documents = memoryDocuments();
  const things = documents.collection<Thing>({ kind: "collection", name: "things", key: { partition: "id" }, indexes: {} });
  const keys: Collection<IdempotencyDocument> = documents.collection(idempotencyCollection);
  // The store forgets a record past its retainUntil by its own clock: the test clock starts at the real time.
  let now = Date.now();
  let runs = 0;
  const control = { gate: undefined as Promise<void> | undefined, fail: false, status: 201 };
  const api = http(
    () => [
      {
        path: "/things",
        idempotent: true,
        methods: {
          POST: async (request: HttpRequest) => {
            const run = ++runs;
            await control.gate;
            if (control.fail) throw new Error("store down");
            const { name } = JSON.parse(Buffer.from(request.body!).toString("utf8"));
            const created = await things.create({ id: `t${run}`, name });
            return json(control.status, created.value);
          },
        },
      },
    ],
    { idempotency: () => ({ keys, clock: { now: () => new Date(now) } }), identity: () => identity },
  );
  const app = defineApp({ name: "things", functions: { api } });
  const handler = app.functions.api.bind(undefined as never) as (request: HttpRequest, context: Context) => Promise<HttpResponse>;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    handler(
      {
        method: "POST",
        path: "/things",
        query: new URLSearchParams(),
        headers: { "content-type": "application/json", ...headers },
        body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
      },
      context,
    );
  return { app, post, control, runs: () => runs, advance: (ms: number) => (now += ms), things };
}

describe("an idempotent route (any app's POST)", () => {
  it("is declared with the framework's idempotency-keys collection, which the function uses", () => {
    const { app } = thingsApp();
    expect(app.collections["idempotency-keys"]).toBe(idempotencyCollection);
    expect(app.functions.api.collections).toContain("idempotency-keys");
  });

  it("lets the app list the framework's collection too, and refuses another collection by its name", () => {
    const api = http(() => [], { idempotency: () => ({ keys: memoryDocuments().collection(idempotencyCollection) }) });
    const listed = defineApp({ name: "things", collections: { keys: idempotencyCollection }, functions: { api } });
    expect(listed.collections["idempotency-keys"]).toBe(idempotencyCollection);
    const own = collection<{ key: string }>("idempotency-keys", { key: ["key"] });
    expect(() => defineApp({ name: "things", collections: { own }, functions: { api } })).toThrow(/that name is the framework's/);
  });

  it("refuses to start without where its keys are kept", () => {
    const api = http(() => [{ path: "/x", idempotent: true, methods: { POST: async () => json(201, {}) } }]);
    expect(() => api.bind(undefined as never)).toThrow(/idempotency option/);
  });

  it("replays the kept 2xx answer for the same key and body, marked Idempotent-Replayed, without running again", async () => {
    const { post, runs } = thingsApp();
    const first = await post({ name: "a" }, { "idempotency-key": "k1" });
    expect(first.status).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    // The same JSON value, spelled differently: the same body.
    const again = await post('{ "name" : "a" }', { "idempotency-key": "k1" });
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(runs()).toBe(1);
    // Another key, or none, runs again.
    expect((await post({ name: "a" }, { "idempotency-key": "k2" })).body).not.toBe(first.body);
    await post({ name: "a" });
    expect(runs()).toBe(3);
  });

  it("answers 422 idempotency-mismatch for the same key with a different body", async () => {
    const { post, runs } = thingsApp();
    await post({ name: "a" }, { "idempotency-key": "k1" });
    const other = await post({ name: "b" }, { "idempotency-key": "k1" });
    expect(other.status).toBe(422);
    expect(JSON.parse(other.body!).type).toMatch(/idempotency-mismatch$/);
    expect(runs()).toBe(1);
  });

  it("answers 409 idempotency-in-flight while an attempt holds the key, and lets another take it over once its lease is over", async () => {
    const { post, control, runs, advance } = thingsApp();
    let open!: () => void;
    control.gate = new Promise((resolve) => (open = resolve));
    const held = post({ name: "a" }, { "idempotency-key": "k1" });
    await new Promise((resolve) => setImmediate(resolve));
    const busy = await post({ name: "a" }, { "idempotency-key": "k1" });
    expect(busy.status).toBe(409);
    expect(JSON.parse(busy.body!).type).toMatch(/idempotency-in-flight$/);
    expect(runs()).toBe(1);
    advance(31_000);
    control.gate = undefined;
    const takeover = await post({ name: "a" }, { "idempotency-key": "k1" });
    expect(takeover.status).toBe(201);
    expect(runs()).toBe(2);
    open();
    await held;
    expect((await post({ name: "a" }, { "idempotency-key": "k1" })).headers["idempotent-replayed"]).toBe("true");
  });

  it("releases the key when the attempt fails or answers other than 2xx, so that the client may retry", async () => {
    const { post, control, runs } = thingsApp();
    control.fail = true;
    expect((await post({ name: "a" }, { "idempotency-key": "k1" })).status).toBe(500);
    control.fail = false;
    control.status = 300;
    expect((await post({ name: "a" }, { "idempotency-key": "k1" })).status).toBe(300);
    control.status = 201;
    const retried = await post({ name: "a" }, { "idempotency-key": "k1" });
    expect(retried.status).toBe(201);
    expect(retried.headers["idempotent-replayed"]).toBeUndefined();
    expect(runs()).toBe(3);
  });

  it("refuses a key that is not 1-255 visible ASCII characters", async () => {
    const { post, runs } = thingsApp();
    expect((await post({ name: "a" }, { "idempotency-key": "a b" })).status).toBe(400);
    expect(runs()).toBe(0);
  });

  describe("with identity", () => {
    let issuer: TestIssuer;
    beforeAll(async () => {
      issuer = await startTestIssuer();
    });
    afterAll(() => issuer.close());

    it("scopes keys to the caller: another caller's same key is their own", async () => {
      const { post, runs } = thingsApp(jwtIdentity(issuer));
      const ada = { authorization: `Bearer ${await issuer.mint({ sub: "ada" })}`, "idempotency-key": "k1" };
      const bob = { authorization: `Bearer ${await issuer.mint({ sub: "bob" })}`, "idempotency-key": "k1" };
      expect((await post({ name: "a" }, ada)).status).toBe(201);
      const bobs = await post({ name: "b" }, bob);
      expect(bobs.status).toBe(201);
      expect(bobs.headers["idempotent-replayed"]).toBeUndefined();
      expect((await post({ name: "a" }, ada)).headers["idempotent-replayed"]).toBe("true");
      expect(runs()).toBe(2);
    });
  });
});
