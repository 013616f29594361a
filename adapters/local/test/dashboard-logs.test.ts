import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type LogLine, LogLines } from "../src/dashboard/log-lines.js";
import { timeline } from "../src/dashboard/timeline.js";

const line = (seq: number, traceId: string, message: string, fields: Record<string, unknown> = {}): LogLine => ({
  seq,
  level: "info",
  message,
  traceId,
  ...fields,
});

describe("the dashboard's timeline of a request", () => {
  const lines = [
    line(1, "a".repeat(32), "note created", { requestId: "r1", noteId: "n-1" }),
    line(2, "c".repeat(32), "note created", { requestId: "r2", noteId: "n-2" }),
    line(3, "b".repeat(32), "note.created published", { changeId: "1", key: "n-1", messageId: "m1" }),
    line(4, "b".repeat(32), "note indexed", { messageId: "m1", noteId: "n-1" }),
    // Another request's line that shares only a delivery's ids with the first: not the same journey.
    line(5, "d".repeat(32), "note read", { requestId: "r1", messageId: "m1", spanId: "s" }),
  ];

  it("holds the request's trace and the traces that name the same subject, in the order they were written", () => {
    const { traces, lines: joined } = timeline(lines, "a".repeat(32));
    expect(traces).toEqual(["a".repeat(32), "b".repeat(32)]);
    expect(joined.map((l) => l.seq)).toEqual([1, 3, 4]);
  });

  it("holds the trace alone when no other names its subjects", () => {
    expect(timeline(lines, "c".repeat(32)).lines.map((l) => l.seq)).toEqual([2]);
  });
});

describe("the dashboard's log lines", () => {
  it("takes the JSON lines written to the stream, a line split across writes included, and passes every byte on", () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let written = "";
    (stream as unknown as PassThrough).on("data", (chunk) => (written += String(chunk)));
    const logs = new LogLines().tap(stream);
    const live: string[] = [];
    logs.subscribe((l) => live.push(l.message));
    stream.write('{"level":"info","message":"one"}\n{"level":"error","mess');
    stream.write('age":"two","function":"work"}\nnot json\n');
    logs.stop();
    stream.write('{"level":"info","message":"after the tap"}\n');
    expect(logs.all()).toEqual([
      { seq: 1, level: "info", message: "one" },
      { seq: 2, level: "error", message: "two", function: "work" },
      { seq: 3, level: "info", message: "not json" },
    ]);
    expect(live).toEqual(["one", "two", "not json"]);
    expect(written).toContain('"message":"after the tap"');
    expect(written.startsWith('{"level":"info","message":"one"}\n{"level":"error","mess')).toBe(true);
  });
});
