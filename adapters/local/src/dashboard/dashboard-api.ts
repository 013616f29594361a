import type { IncomingMessage, ServerResponse } from "node:http";
import { browse, collectionViews } from "./collections.js";
import { deadLetterViews, replay } from "./dead-letters.js";
import { describeFunctions } from "./describe-functions.js";
import { fire } from "./fire.js";
import type { LocalRuntime } from "./local-runtime.js";
import type { LogLine, LogLines } from "./log-lines.js";
import { badInput, DashboardProblem, notFound } from "./problem.js";
import { timeline } from "./timeline.js";
import { waiting } from "./waiting.js";

type Answer = (params: string[], query: URLSearchParams, body: () => Promise<Record<string, unknown>>) => Promise<unknown>;

/** Largest JSON body the dashboard takes: a file dropped into the bucket is its biggest input. */
const MAX_BODY_BYTES = 5_000_000;

/** The dashboard's JSON API under /api/: each answer a JSON value, each refusal an RFC 9457 problem. */
export function dashboardApi(runtime: LocalRuntime, logs: LogLines) {
  const routes: [string, RegExp, Answer][] = [
    ["GET", /^\/api\/app$/, async () => ({ name: runtime.app.name, url: runtime.url ?? null, functions: describeFunctions(runtime.app) })],
    ["POST", /^\/api\/functions\/([^/]+)\/fire$/, async ([name], _, body) => fire(runtime, name!, await body())],
    ["GET", /^\/api\/waiting$/, async () => waiting(runtime)],
    ["GET", /^\/api\/dead-letters$/, async () => deadLetterViews(runtime, logs.all())],
    [
      "POST",
      /^\/api\/dead-letters\/(\d+)\/replay$/,
      async ([index], _, body) => {
        const { id, body: corrected } = await body();
        if (id !== undefined && typeof id !== "string") throw badInput('"id" is the dead letter\'s message id');
        if (corrected !== undefined && typeof corrected !== "string") throw badInput('"body" is the corrected message, as text');
        return replay(runtime, Number(index), id, corrected);
      },
    ],
    ["GET", /^\/api\/collections$/, async () => collectionViews(runtime)],
    ["GET", /^\/api\/collections\/([^/]+)\/documents$/, async ([name], query) => browse(runtime, name!, query)],
    ["GET", /^\/api\/logs$/, async (_, query) => logs.all().filter(matching(query))],
    ["GET", /^\/api\/traces\/([0-9a-f]{32})$/, async ([traceId]) => timeline(logs.all(), traceId!)],
  ];

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://dashboard");
    if (req.method === "GET" && url.pathname === "/api/logs/live") return live(req, res, logs, matching(url.searchParams));
    const found = routes.find(([, pattern]) => pattern.test(url.pathname));
    if (!found) throw notFound(`no ${url.pathname} in the dashboard's API`);
    const [method, pattern, answer] = found;
    if (req.method !== method) throw new DashboardProblem(405, "Method not allowed", `${url.pathname} takes ${method}, not ${req.method}`);
    const params = pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
    const result = await answer(params, url.searchParams, () => jsonBody(req));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(result ?? null));
  };
}

/** The lines of a level (and above) and of a function, as the query names them. */
function matching(query: URLSearchParams): (line: LogLine) => boolean {
  const levels = ["debug", "info", "warn", "error"];
  const level = query.get("level");
  if (level && !levels.includes(level)) throw badInput(`"level" is one of ${levels.join(", ")}`);
  const fn = query.get("function");
  const least = levels.indexOf(level ?? "debug");
  return (line) => levels.indexOf(line.level) >= least && (!fn || line.function === fn || line.consumer === fn);
}

/** The log lines as they are written, as server-sent events, until the page goes. */
function live(req: IncomingMessage, res: ServerResponse, logs: LogLines, keep: (line: LogLine) => boolean) {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write(": live\n\n");
  const unsubscribe = logs.subscribe((line) => {
    if (keep(line)) res.write(`data: ${JSON.stringify(line)}\n\n`);
  });
  req.on("close", unsubscribe);
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw badInput(`the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badInput("the body is not JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw badInput("the body is a JSON object");
  return value as Record<string, unknown>;
}
