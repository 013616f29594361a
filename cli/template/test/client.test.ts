import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Validator } from "@seriousme/openapi-schema-validator";
import { httpApiEvent, lambdaContext } from "@skyport/aws-lambda/testing";
import { appOpenApiDocument } from "@skyport/core";
import { compileSchemasAtRunTime } from "@skyport/core/schemas";
import { startLocalApp, type LocalApp } from "@skyport/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import app from "../src/app.js";
import { createClient } from "../src/client.generated.js";
import localWiring from "../src/local.js";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const PROBLEM_BASE = "https://__NAME__.example/problems/";

// The app runs here from its sources, where no build compiled its routes' schemas: compile them as they are bound.
compileSchemasAtRunTime();

/** The parts of the document this test reads. */
interface ApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { responses: Record<string, { content: Record<string, { schema: { allOf: [unknown, { properties: { type: { enum: string[] } } }] } }> }> };
}

describe("__NAME__'s /openapi.json and the typed client skyport client wrote from it", () => {
  const files = mkdtempSync(join(tmpdir(), "__NAME__-client-"));
  let local: LocalApp;
  beforeAll(async () => {
    local = await startLocalApp(app, localWiring, {
      PORT: "0",
      SKYPORT_STORE: "memory",
      SKYPORT_LOG_LEVEL: "error",
      SKYPORT_QUEUE_PATH: join(files, "queues.db"),
      SKYPORT_DEAD_LETTER_FILE: join(files, "dead-letters.jsonl"),
      SKYPORT_PROBLEM_BASE: PROBLEM_BASE,
    });
  });
  afterAll(async () => {
    await local.close();
    rmSync(files, { recursive: true, force: true });
  });

  it("api creates a note and reads it back through the client, typed from its routes", async () => {
    const client = createClient({ baseUrl: local.url });
    const created = await client.POST("/notes", { body: { owner: "ada", text: "typed" } });
    expect(created.response.status).toBe(201);
    const note = created.data!;
    expect(note).toEqual({ id: expect.any(String), owner: "ada", text: "typed", createdAt: expect.any(String) });
    const read = await client.GET("/notes/{id}", { params: { path: { id: note.id } } });
    expect([read.response.status, read.data, read.response.headers.get("etag")]).toEqual([200, note, created.response.headers.get("etag")]);
    const refused = await client.POST("/notes", { body: { owner: "", text: "" } });
    expect([refused.response.status, refused.error?.errors?.map((error) => error.path)]).toEqual([400, ["/owner", "/text"]]);
  });

  it("GET /openapi.json is a valid OpenAPI 3.1 document of api's routes, the app's own problem under its base", async () => {
    const response = await fetch(`${local.url}/openapi.json`);
    expect([response.status, response.headers.get("content-type")]).toEqual([200, "application/json"]);
    const document = (await response.json()) as ApiDocument;
    const validator = new Validator();
    expect((await validator.validate(structuredClone(document) as unknown as Record<string, unknown>)).errors ?? []).toEqual([]);
    expect(validator.version).toBe("3.1");
    expect(Object.keys(document.paths).sort()).toEqual(["/hello", "/notes", "/notes/{id}", "/openapi.json"]);
    const ownerFixed = document.components.responses["note-owner-fixed"]!.content["application/problem+json"]!.schema.allOf[1];
    expect(ownerFixed.properties.type.enum).toEqual([`${PROBLEM_BASE}note-owner-fixed`]);
    expect(document.paths["/notes/{id}"]!.put!.responses["409"]).toEqual({ $ref: "#/components/responses/note-owner-fixed" });
  });

  it("the api's Lambda bundle answers GET /openapi.json, open, with the document skyport client builds", async () => {
    process.env.SKYPORT_LOG_LEVEL = "warn";
    const { handler } = await import(pathToFileURL(join(appDir, "dist/aws/api/index.mjs")).href);
    const result = await handler(httpApiEvent({ method: "GET", path: "/openapi.json" }), lambdaContext());
    expect([result.statusCode, result.headers["content-type"]]).toEqual([200, "application/json"]);
    expect(JSON.parse(result.body)).toEqual(JSON.parse(JSON.stringify(appOpenApiDocument(app, process.env))));
  });

  it("src/client.generated.ts is what npm run client writes from src/app.ts now", async () => {
    const fresh = join(files, "client.generated.ts");
    // As a shell without SKYPORT_PROBLEM_BASE runs it: the app's problem types under their declared base.
    const { SKYPORT_PROBLEM_BASE: _set, ...env } = process.env;
    await promisify(execFile)("npx", ["skyport", "client", fresh], { cwd: appDir, env });
    expect(readFileSync(join(appDir, "src/client.generated.ts"), "utf8"), "src/app.ts changed: run npm run client").toBe(readFileSync(fresh, "utf8"));
  }, 120_000);
});
