/** A log line as the app's JSON logger writes it; `seq` ranks lines across traces. */
export interface LogLine {
  seq: number;
  level: string;
  message: string;
  time?: string;
  traceId?: string;
  function?: string;
  [field: string]: unknown;
}

/** Lines kept for the dashboard: enough for a session's traces, bounded in memory. */
const KEPT = 5000;

/**
 * The app's log lines as they are written to stdout (every Skyport logger writes JSON lines
 * there), kept for the dashboard: the last KEPT lines, and a live feed for its subscribers.
 * Lines still reach stdout unchanged; a line that is not JSON is kept as an info message.
 */
export class LogLines {
  private readonly lines: LogLine[] = [];
  private readonly subscribers = new Set<(line: LogLine) => void>();
  private seq = 0;
  private partial = "";
  private restore?: () => void;

  /** Taps the stream's writes (process.stdout by default) until `stop`. */
  tap(stream: NodeJS.WriteStream = process.stdout): this {
    const write = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      this.take(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return (write as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
    this.restore = () => {
      stream.write = write;
    };
    return this;
  }

  stop(): void {
    this.restore?.();
    this.subscribers.clear();
  }

  /** The kept lines, oldest first. */
  all(): readonly LogLine[] {
    return this.lines;
  }

  subscribe(listener: (line: LogLine) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  private take(text: string) {
    const parts = (this.partial + text).split("\n");
    this.partial = parts.pop() ?? "";
    for (const part of parts) if (part.trim() !== "") this.keep(parse(part));
  }

  private keep(fields: Record<string, unknown>) {
    const line: LogLine = { level: "info", message: "", ...fields, seq: ++this.seq };
    this.lines.push(line);
    if (this.lines.length > KEPT) this.lines.shift();
    for (const listener of this.subscribers) listener(line);
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  return { level: "info", message: text };
}
