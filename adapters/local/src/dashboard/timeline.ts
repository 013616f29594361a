import type { LogLine } from "./log-lines.js";

/** Fields that name one delivery or span, not the thing it is about: they never join two traces. */
const OWN_IDS = new Set(["requestId", "traceId", "spanId", "messageId", "changeId", "parentSpanId"]);

/** The values a line names its subject by: `noteId`, `jobId`, a change's `key`, ... */
function subjects(line: LogLine): string[] {
  return Object.entries(line)
    .filter(([field, value]) => typeof value === "string" && !OWN_IDS.has(field) && (field === "key" || /Id$/.test(field)))
    .map(([, value]) => value as string);
}

/**
 * One request's way through the app as one timeline: the lines of its trace, and of every trace
 * that names one of the same subjects (a document's id). A write's trace ends at the store, and the
 * change feed starts a trace of its own (its change carries no traceparent), which the queue
 * message then carries on: the shared id is what joins the POST to the outbox and the confirmation.
 */
export function timeline(lines: readonly LogLine[], traceId: string): { traces: string[]; lines: LogLine[] } {
  const traces = new Set([traceId]);
  const seen = new Set<string>();
  // Joined until nothing new: a trace found through one subject may name another.
  for (let grown = true; grown; ) {
    grown = false;
    for (const line of lines) {
      if (!line.traceId || !traces.has(line.traceId)) continue;
      for (const subject of subjects(line)) seen.add(subject);
    }
    for (const line of lines) {
      if (line.traceId && !traces.has(line.traceId) && subjects(line).some((subject) => seen.has(subject))) {
        traces.add(line.traceId);
        grown = true;
      }
    }
  }
  return { traces: [...traces], lines: lines.filter((line) => line.traceId !== undefined && traces.has(line.traceId)) };
}
