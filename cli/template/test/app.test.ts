import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { httpApiEvent, lambdaContext } from "@skyport/aws-lambda/testing";
import { bicepProblems, gcloudProblems, readTemplate, samProblems } from "@skyport/cli/checks";
import { UNRESOLVABLE_PROBLEM_BASE } from "@skyport/core";
import { compileSchemasAtRunTime } from "@skyport/core/schemas";
import { startLocalApp, type LocalApp } from "@skyport/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import app from "../src/app.js";
import localWiring from "../src/local.js";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
// The app runs here from its sources, where no build compiled its routes' schemas: compile them as they are bound.
compileSchemasAtRunTime();

/** The local server on `env`, its SQLite, queue and dead-letter files in a temporary folder of its own (never .data/ in the app). */
function localServer(env: Record<string, string>): { app: () => LocalApp } {
  let local: LocalApp;
  const files = mkdtempSync(join(tmpdir(), "__NAME__-"));
  beforeAll(async () => {
    local = await startLocalApp(app, localWiring, {
      PORT: "0",
      SKYPORT_LOG_LEVEL: "error",
      SKYPORT_SQLITE_PATH: join(files, "notes.db"),
      SKYPORT_QUEUE_PATH: join(files, "queues.db"),
      SKYPORT_DEAD_LETTER_FILE: join(files, "dead-letters.jsonl"),
      ...env,
    });
  });
  afterAll(async () => {
    await local.close();
    rmSync(files, { recursive: true, force: true });
  });
  return { app: () => local };
}

/** What api answers about notes: a note, a page of them, or a problem. */
interface NotesAnswer {
  id: string;
  items: { text: string }[];
  errors: { path: string }[];
}
const answer = async (response: Response | Promise<Response>) => (await (await response).json()) as NotesAnswer;

/** api's notes, as every store keeps them: created, read by id, listed by owner, gone once expired; the app's own problems' types under `problemBase`. */
function notesOn(server: { app: () => LocalApp }, problemBase: string) {
  const post = (note: unknown) =>
    fetch(`${server.app().url}/notes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(note) });
  const get = (path: string) => fetch(`${server.app().url}${path}`);

  it("api creates a note, reads it by id and lists the owner's notes by the by-owner index", async () => {
    const first = await post({ owner: "ada", text: "first" });
    expect(first.status).toBe(201);
    const created = await answer(first);
    expect(created).toEqual({ id: expect.any(String), owner: "ada", text: "first", createdAt: expect.any(String) });
    expect(first.headers.get("location")).toBe(`/notes/${created.id}`);
    await post({ owner: "ada", text: "second" });
    await post({ owner: "grace", text: "not ada's" });
    const one = await get(`/notes/${created.id}`);
    expect([one.status, await one.json()]).toEqual([200, created]);
    const list = await answer(get("/notes?owner=ada"));
    expect(list.items.map((note) => note.text)).toEqual(["first", "second"]);
    expect((await get("/notes/no-such-note")).status).toBe(404);
  });

  it("api's POST /notes is idempotent: the same Idempotency-Key and body replay the first answer, another body is a 422", async () => {
    const send = (note: unknown) =>
      fetch(`${server.app().url}/notes`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": "note-once" },
        body: JSON.stringify(note),
      });
    const first = await send({ owner: "kay", text: "once" });
    expect(first.status).toBe(201);
    const made = await answer(first);
    const again = await send({ text: "once", owner: "kay" });
    expect([again.status, again.headers.get("idempotent-replayed"), (await answer(again)).id]).toEqual([201, "true", made.id]);
    expect((await answer(get("/notes?owner=kay"))).items).toHaveLength(1);
    const other = await send({ owner: "kay", text: "twice" });
    expect([other.status, other.headers.get("content-type")]).toEqual([422, "application/problem+json"]);
  });

  it("api's notes carry an ETag: GET answers 304 to it, PUT replaces only the version If-Match names (412 once stale)", async () => {
    const made = await post({ owner: "max", text: "v1" });
    const { id } = await answer(made);
    const tag = made.headers.get("etag")!;
    expect(tag).toMatch(/^"[^"]+"$/);
    const cached = await fetch(`${server.app().url}/notes/${id}`, { headers: { "if-none-match": tag } });
    expect([cached.status, await cached.text(), cached.headers.get("etag")]).toEqual([304, "", tag]);
    const put = (headers: Record<string, string>, text: string, noteId = id) =>
      fetch(`${server.app().url}/notes/${noteId}`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ owner: "max", text }),
      });
    const updated = await put({ "if-match": tag }, "v2");
    expect(updated.status).toBe(200);
    const newTag = updated.headers.get("etag")!;
    expect(newTag).not.toBe(tag);
    // A client still holding the first version would overwrite v2 unseen: refused.
    const lost = await put({ "if-match": tag }, "v3");
    expect([lost.status, lost.headers.get("content-type")]).toEqual([412, "application/problem+json"]);
    expect((await fetch(`${server.app().url}/notes/${id}`, { headers: { "if-none-match": tag } })).status).toBe(200);
    expect(await (await get(`/notes/${id}`)).json()).toMatchObject({ text: "v2" });
    // If-None-Match: * creates only.
    expect((await put({ "if-none-match": "*" }, "again")).status).toBe(412);
    const fresh = await put({ "if-none-match": "*" }, "new", "max-2");
    expect([fresh.status, fresh.headers.get("location")]).toEqual([201, "/notes/max-2"]);
  });

  it("api refuses to give a note another owner with the app's own problem, note-owner-fixed, its type under the app's base", async () => {
    const { id } = await answer(post({ owner: "sam", text: "mine" }));
    const moved = await fetch(`${server.app().url}/notes/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ owner: "eve", text: "hers now" }),
    });
    expect([moved.status, moved.headers.get("content-type"), moved.headers.get("x-request-id")]).toEqual([
      409,
      "application/problem+json",
      expect.stringMatching(/^[A-Za-z0-9._-]{1,128}$/),
    ]);
    expect(await moved.json()).toEqual({
      type: `${problemBase}note-owner-fixed`,
      title: "A note keeps its owner",
      status: 409,
      detail: `Note ${id} belongs to sam; create a new note for eve.`,
    });
    expect(await (await get(`/notes/${id}`)).json()).toMatchObject({ owner: "sam", text: "mine" });
  });

  it("api answers a note that expired as gone, and a note that is not one with a 400 problem", async () => {
    const expired = await answer(post({ owner: "lin", text: "gone", expiresAt: "2020-01-01T00:00:00Z" }));
    const later = await answer(post({ owner: "lin", text: "kept", expiresAt: "2999-01-01T00:00:00Z" }));
    expect((await get(`/notes/${expired.id}`)).status).toBe(404);
    expect((await get(`/notes/${later.id}`)).status).toBe(200);
    expect((await answer(get("/notes?owner=lin"))).items.map((note) => note.text)).toEqual(["kept"]);
    const bad = await post({ owner: "", text: 1, expiresAt: "tomorrow" });
    expect(bad.status).toBe(400);
    expect((await answer(bad)).errors.map((error) => error.path)).toEqual(["/owner", "/text", "/expiresAt"]);
  });

  it("api checks a note against its schema before the handler: every broken rule at once, in one 400 validation problem", async () => {
    const bad = await post({ text: "", expiresAt: "2020-13-01T00:00:00Z", colour: "red" });
    expect([bad.status, bad.headers.get("content-type")]).toEqual([400, "application/problem+json"]);
    expect(await bad.json()).toEqual({
      type: "https://skyport.dev/problems/validation",
      title: "Validation failed",
      status: 400,
      detail: "The request is not valid.",
      errors: [
        { path: "/colour", message: "unknown field" },
        { path: "/owner", message: "must be 1-64 of A-Z a-z 0-9 . _ -" },
        { path: "/text", message: "must be 1-1000 characters" },
        { path: "/expiresAt", message: "must be an ISO 8601 date-time with an offset" },
      ],
    });
    const notJson = await fetch(`${server.app().url}/notes`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect([notJson.status, ((await notJson.json()) as { type: string }).type]).toEqual([400, "https://skyport.dev/problems/malformed-json"]);
  });

  it("api answers a bad query or path parameter with a 400 naming it, the PUT's body errors beside its parameter's", async () => {
    const noOwner = await get("/notes?owner=a&owner=b");
    expect([noOwner.status, (await answer(noOwner)).errors]).toEqual([400, [{ path: "owner", message: "must appear once" }]]);
    expect((await answer(get("/notes"))).errors).toEqual([{ path: "owner", message: "is required: 1-64 of A-Z a-z 0-9 . _ -" }]);
    const put = await fetch(`${server.app().url}/notes/${"x".repeat(201)}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ owner: "max" }),
    });
    expect([put.status, (await answer(put)).errors]).toEqual([
      400,
      [
        { path: "id", message: "must NOT have more than 200 characters" },
        { path: "/text", message: "must be 1-1000 characters" },
      ],
    ]);
  });
}

describe("__NAME__, run locally as npm start runs it (SQLite)", () => {
  const server = localServer({ SKYPORT_PROBLEM_BASE: "https://__NAME__.example/problems/" });

  it("api greets by name, and answers a bad name with a 400 problem", async () => {
    const hello = await fetch(`${server.app().url}/hello?name=Ada`);
    expect([hello.status, await hello.json()]).toEqual([200, { message: "Hello, Ada!" }]);
    const bad = await fetch(`${server.app().url}/hello?name=${encodeURIComponent("<script>")}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
  });

  it("work runs a job and dead-letters one without a jobId", async () => {
    const jobs = server.app().queue("jobs");
    const result = await jobs.deliver([
      { id: "m1", body: JSON.stringify({ type: "job.requested", jobId: "j-1" }), attempt: 1 },
      { id: "m2", body: JSON.stringify({ type: "job.requested" }), attempt: 1 },
    ]);
    expect(result.failed).toEqual([{ id: "m2", retryable: false }]);
    expect(jobs.deadLetters.map((letter) => letter.message.id)).toEqual(["m2"]);
  });

  it("tick runs on demand as its timer runs it", async () => {
    expect(await server.app().run("tick")).toMatchObject({ at: expect.any(String) });
  });

  notesOn(server, "https://__NAME__.example/problems/");

  it("refuses to start with a SKYPORT_PROBLEM_BASE that is not an https URL ending in /", async () => {
    await expect(
      startLocalApp(app, localWiring, { PORT: "0", SKYPORT_STORE: "memory", SKYPORT_PROBLEM_BASE: "http://__NAME__.example/problems" }),
    ).rejects.toThrow(/SKYPORT_PROBLEM_BASE must be an absolute https URL ending in "\/"/);
  });
});

describe("__NAME__'s notes with SKYPORT_STORE=memory", () => {
  // No SKYPORT_PROBLEM_BASE and none declared: the app's problem types are tag: URIs, never under skyport.dev.
  notesOn(localServer({ SKYPORT_STORE: "memory" }), UNRESOLVABLE_PROBLEM_BASE);
});

describe("__NAME__'s notes with SKYPORT_CACHE=memory: GET /notes/{id} reads through the cache", () => {
  notesOn(localServer({ SKYPORT_CACHE: "memory" }), UNRESOLVABLE_PROBLEM_BASE);
});

describe("the deploy templates deploy exactly what src/app.ts declares", () => {
  it("deploy/aws/template.yaml", () => {
    expect(samProblems(app, readTemplate(join(appDir, "deploy/aws/template.yaml")))).toEqual([]);
  });
  it("deploy/gcp/deploy.sh", () => {
    expect(gcloudProblems(app, readFileSync(join(appDir, "deploy/gcp/deploy.sh"), "utf8"))).toEqual([]);
  });
  it("deploy/azure/main.bicep", () => {
    expect(bicepProblems(app, readFileSync(join(appDir, "deploy/azure/main.bicep"), "utf8"))).toEqual([]);
  });
});

describe("the bundles skyport build wrote", () => {
  it("has one Lambda and one Google Cloud bundle per function, the Azure app, and the local server", () => {
    const files = [
      ...Object.keys(app.functions).flatMap((name) => [`aws/${name}/index.mjs`, `gcp/${name}/index.mjs`, `gcp/${name}/package.json`]),
      "azure/main.mjs",
      "azure/host.json",
      "local/server.mjs",
    ];
    expect(files.filter((file) => !existsSync(join(appDir, "dist", file)))).toEqual([]);
  });

  it("the api's cloud bundles carry their own cloud's store SDK and neither of the others'", () => {
    const inputs = (meta: string) => {
      const { outputs } = JSON.parse(readFileSync(join(appDir, "dist/meta", meta), "utf8")) as { outputs: Record<string, { inputs: object }> };
      return Object.values(outputs).flatMap((output) => Object.keys(output.inputs));
    };
    const sdks = (meta: string) =>
      ["@aws-sdk/client-dynamodb/", "@google-cloud/firestore/", "@azure/cosmos/"].filter((sdk) =>
        inputs(meta).some((path) => path.includes(`node_modules/${sdk}`)),
      );
    expect(sdks("aws-api.json")).toEqual(["@aws-sdk/client-dynamodb/"]);
    expect(sdks("gcp-api.json")).toEqual(["@google-cloud/firestore/"]);
  });

  it("the api's bundles register its routes' validators, compiled by the build; no bundle carries Ajv or its run-time compiler", () => {
    // What each bundle carries: its outputs' inputs (the metafile's inputs list every module read, even those then dropped).
    const inputs = (meta: string) => {
      const { outputs } = JSON.parse(readFileSync(join(appDir, "dist/meta", meta), "utf8")) as { outputs: Record<string, { inputs: object }> };
      return Object.values(outputs).flatMap((output) => Object.keys(output.inputs));
    };
    const metas = [...Object.keys(app.functions).flatMap((name) => [`aws-${name}.json`, `gcp-${name}.json`]), "azure.json", "local.json"];
    const compiled = metas.filter((meta) => inputs(meta).includes("skyport-route-validators:route-validators"));
    expect(compiled).toEqual(["aws-api.json", "gcp-api.json", "azure.json", "local.json"]);
    const compilers = metas.flatMap((meta) => inputs(meta).filter((path) => /node_modules\/ajv\/|core\/src\/schemas\//.test(path)));
    expect(compilers).toEqual([]);
    // The other functions' bundles carry neither the routes nor TypeBox.
    expect(["aws-work.json", "aws-tick.json"].flatMap((meta) => inputs(meta).filter((path) => /node_modules\/typebox\/|src\/routes\.ts/.test(path)))).toEqual(
      [],
    );
  });

  it("the api bundle checks a request with its compiled validators, as Lambda would run it", async () => {
    process.env.SKYPORT_LOG_LEVEL = "warn";
    const { handler } = await import(pathToFileURL(join(appDir, "dist/aws/api/index.mjs")).href);
    const result = await handler(httpApiEvent({ method: "GET", path: `/hello?name=${encodeURIComponent("<b>")}` }), lambdaContext());
    expect([result.statusCode, JSON.parse(result.body).errors]).toEqual([
      400,
      [{ path: "name", message: "must be 1-64 letters, spaces, dots, apostrophes or hyphens" }],
    ]);
  });

  it("the api bundle answers an API Gateway request as Lambda would run it", async () => {
    process.env.SKYPORT_LOG_LEVEL = "warn";
    const { handler } = await import(pathToFileURL(join(appDir, "dist/aws/api/index.mjs")).href);
    const result = await handler(httpApiEvent({ method: "GET", path: "/hello?name=Grace" }), lambdaContext());
    expect([result.statusCode, JSON.parse(result.body)]).toEqual([200, { message: "Hello, Grace!" }]);
  });
});
