import { describe, expect, it } from "vitest";
import {
  AppDeclarationError,
  ConfigError,
  defineApp,
  http,
  problems,
  Problem,
  readProblemBase,
  silentLogger,
  UNRESOLVABLE_PROBLEM_BASE,
  type Context,
  type Env,
  type HttpRequest,
  type HttpResponse,
} from "../src/index.js";

const context: Context = { requestId: "r1", cloud: "local", logger: silentLogger };
const noteProblems = problems({ "note-locked": { status: 409, title: "Note locked" } }, { base: "https://notes.example/declared/" });

/** An app whose one route throws the app's own problem (`/locked`) or a framework one (`/missing`), run with `env`. */
async function get(env: Env, path: string): Promise<HttpResponse> {
  const declared = noteProblems.at(env);
  const api = http(() => [
    {
      path: "/locked",
      methods: {
        GET: async () => {
          throw declared.problem("note-locked", "Note n1 is locked until noon.");
        },
      },
    },
    {
      path: "/missing",
      methods: {
        GET: async () => {
          throw new Problem("not-found", "No such note.");
        },
      },
    },
  ]);
  const handler = defineApp({ name: "notes", functions: { api } }).functions.api.bind(undefined as never) as (
    r: HttpRequest,
    c: Context,
  ) => Promise<HttpResponse>;
  return handler({ method: "GET", path, query: new URLSearchParams(), headers: {} }, context);
}

describe("an app's own problem kinds", () => {
  it("answers a thrown app problem as RFC 9457 problem+json, its type under SKYPORT_PROBLEM_BASE", async () => {
    const response = await get({ SKYPORT_PROBLEM_BASE: "https://notes.example/problems/" }, "/locked");
    expect(response.status).toBe(409);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.headers["x-request-id"]).toBe("r1");
    expect(JSON.parse(response.body as string)).toEqual({
      type: "https://notes.example/problems/note-locked",
      title: "Note locked",
      status: 409,
      detail: "Note n1 is locked until noon.",
    });
  });

  it("puts the type under the declared base when SKYPORT_PROBLEM_BASE is unset, else under a tag URI", async () => {
    expect(JSON.parse((await get({}, "/locked")).body as string).type).toBe("https://notes.example/declared/note-locked");
    const bare = problems({ "note-locked": { status: 409, title: "Note locked" } }).at({});
    expect(bare.type("note-locked")).toBe(`${UNRESOLVABLE_PROBLEM_BASE}note-locked`);
    expect(UNRESOLVABLE_PROBLEM_BASE).toMatch(/^tag:/);
  });

  it("keeps the framework's kinds under https://skyport.dev/problems/, whatever the app's base", async () => {
    const response = await get({ SKYPORT_PROBLEM_BASE: "https://notes.example/problems/" }, "/missing");
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body as string)).toMatchObject({ type: "https://skyport.dev/problems/not-found", title: "Not found", status: 404 });
  });

  it("refuses a base that is not an absolute https URL ending in /, at start", () => {
    for (const bad of ["http://notes.example/problems/", "https://notes.example/problems", "/problems/", "https://notes.example/p?x=/"]) {
      const error = (() => {
        try {
          noteProblems.at({ SKYPORT_PROBLEM_BASE: bad });
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe("SKYPORT_PROBLEM_BASE");
    }
    expect(readProblemBase({ SKYPORT_PROBLEM_BASE: "https://notes.example/" })).toBe("https://notes.example/");
    expect(readProblemBase({ SKYPORT_PROBLEM_BASE: "" })).toBeUndefined();
  });

  it("checks the declaration: kebab-case kinds, 4xx or 5xx, a title, no framework kind, a good base", () => {
    const declare = (kinds: Record<string, { status: number; title: string }>, base?: string) => () => problems(kinds, { base });
    expect(declare({ noteLocked: { status: 409, title: "Locked" } })).toThrow(/kebab-case/);
    expect(declare({ "note--locked": { status: 409, title: "Locked" } })).toThrow(/kebab-case/);
    expect(declare({ "note-locked": { status: 302, title: "Locked" } })).toThrow(/4xx or 5xx/);
    expect(declare({ "note-locked": { status: 600, title: "Locked" } })).toThrow(/4xx or 5xx/);
    expect(declare({ "note-locked": { status: 409, title: " " } })).toThrow(/no title/);
    expect(declare({ conflict: { status: 409, title: "Mine" } })).toThrow(/framework's own/);
    expect(declare({ "note-locked": { status: 409, title: "Locked" } }, "https://notes.example")).toThrow(/ending in/);
    expect(declare({ conflict: { status: 409, title: "Mine" } })).toThrow(AppDeclarationError);
    expect(declare({ "note-locked": { status: 409, title: "Locked" }, "quota-2-exceeded": { status: 429, title: "Quota" } })()).toMatchObject({
      kind: "problems",
      kinds: { "note-locked": { status: 409 }, "quota-2-exceeded": { status: 429 } },
    });
  });
});
