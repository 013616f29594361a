import { describe, expect, it } from "vitest";
import type { HttpRequest } from "../src/function/http.js";
import { readJsonBody } from "../src/http/body.js";
import { AppProblem, Problem } from "../src/http/problem.js";

const request = (body: Uint8Array, contentType = "application/json"): HttpRequest => ({
  method: "POST",
  path: "/notes",
  query: new URLSearchParams(),
  headers: { "content-type": contentType },
  body,
});

const problemOf = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    if (error instanceof Problem) return { kind: error.kind, detail: error.detail };
    throw error;
  }
  throw new Error("no problem");
};

describe("a JSON body", () => {
  it("refuses bytes that are not UTF-8, even inside a string JSON would take", () => {
    const body = Uint8Array.from([...Buffer.from('{"text":"'), 0xff, ...Buffer.from('"}')]);
    expect(problemOf(() => readJsonBody(request(body)))).toEqual({ kind: "malformed-json", detail: "The body is not valid UTF-8." });
  });

  it("keeps a replacement character that was sent as one", () => {
    expect(readJsonBody(request(Buffer.from('{"text":"\uFFFD"}')))).toEqual({ text: "\uFFFD" });
  });

  it("reads a plain Uint8Array as a Buffer, with a leading BOM dropped and any JSON media type", () => {
    const bytes = new Uint8Array(Buffer.from('\uFEFF{"text":"ok"}'));
    expect(readJsonBody(request(bytes, "application/merge-patch+json; charset=utf-8"))).toEqual({ text: "ok" });
    expect(problemOf(() => readJsonBody(request(bytes, "text/plain")))).toMatchObject({ kind: "unsupported-media-type" });
  });
});

describe("a problem's stack", () => {
  it("is not captured for a 4xx (an answer, not a fault), but is for a 5xx, whose log carries it", () => {
    const limit = Error.stackTraceLimit;
    expect(new Problem("validation", "The request is not valid.").stack).toBe("Problem: The request is not valid.");
    expect(new Problem("unavailable", "Try again.").stack).toMatch(/\n\s+at /);
    const declared = { type: "tag:notes,2026:problems/note-owner-fixed", title: "Owner fixed", status: 409 };
    expect(new AppProblem("note-owner-fixed", declared, "The owner is fixed.").stack).toBe("Problem: The owner is fixed.");
    expect(new AppProblem("note-store-down", { ...declared, status: 503 }, "Down.").stack).toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
