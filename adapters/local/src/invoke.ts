import { randomUUID } from "node:crypto";
import {
  envReader,
  functionOf,
  lazyHandler,
  type App,
  type AppFunction,
  type Change,
  type ChangesHandler,
  type Context,
  type Env,
  type HttpRequest,
  type ObjectHandler,
  type QueueEvent,
  type StreamHandler,
  type TriggerKind,
  type Wiring,
} from "@skyport/core";
import { DEFAULT_BUCKET_DIR, folderObjects } from "./folder-bucket.js";
import { localSecrets } from "./local-secrets.js";

/** What an HTTP invocation's event file holds; every field but the path may be left out. */
export interface HttpEvent {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json) or text. */
  body?: unknown;
}

/** What `invoke` published: the events the function sent, by topic. */
export interface Invocation {
  result: unknown;
  published: { topic: string; event: QueueEvent }[];
}

/**
 * Runs one function of the app once, locally, with the local wiring: an HTTP request, a batch of
 * queue events (one event or an array), a batch of changes (one or an array), or a scheduled run now. What it publishes is collected,
 * not delivered, so that one function runs alone.
 */
export async function invokeFunction<S>(app: App<S>, wiring: Wiring<S>, env: Env, name: string, event?: unknown): Promise<Invocation> {
  const fn = functionOf(app, name) as AppFunction<S, TriggerKind>;
  const published: Invocation["published"] = [];
  const instance = wiring(env, {
    served: [name],
    queue: (topic) => ({ publish: async (event) => void published.push({ topic, event }) }),
    secrets: localSecrets(env),
  });
  const context: Context = { requestId: randomUUID(), cloud: "local", logger: instance.logger };
  try {
    const result = await run(fn, lazyHandler(fn, instance), event, context, env);
    return { result, published };
  } finally {
    await instance.close?.();
  }
}

async function run<S>(fn: AppFunction<S, TriggerKind>, handler: () => Promise<unknown>, event: unknown, context: Context, env: Env): Promise<unknown> {
  switch (fn.trigger.kind) {
    case "http": {
      const given = (event ?? { path: "/" }) as HttpEvent;
      if (typeof given.path !== "string") throw new Error('an HTTP event needs a "path", e.g. {"method":"GET","path":"/health"}');
      const text = given.body === undefined ? undefined : typeof given.body === "string" ? given.body : JSON.stringify(given.body);
      const headers = {
        ...(text !== undefined && typeof given.body !== "string" ? { "content-type": "application/json" } : {}),
        ...lowerCased(given.headers ?? {}),
      };
      const request: HttpRequest = {
        method: given.method ?? "GET",
        path: given.path,
        query: new URLSearchParams(given.query),
        headers,
        body: text === undefined ? undefined : new TextEncoder().encode(text),
      };
      const response = await ((await handler()) as (r: HttpRequest, c: Context) => Promise<{ status: number; headers: Record<string, string>; body?: string }>)(
        request,
        context,
      );
      return { ...response, body: parseJson(response.body) };
    }
    case "queue": {
      if (event === undefined) throw new Error(`a queue function needs an event: --event file.json with {"type": ...} or an array of them`);
      const events = Array.isArray(event) ? event : [event];
      const messages = events.map((body, i) => ({ id: `invoke-${i + 1}`, body: typeof body === "string" ? body : JSON.stringify(body), attempt: 1 }));
      return ((await handler()) as (m: typeof messages, c: Context) => Promise<unknown>)(messages, context);
    }
    case "changes": {
      if (event === undefined)
        throw new Error(`a changes function needs an event: --event file.json with {"key", "operation", "document"} or an array of them`);
      const changes = (Array.isArray(event) ? event : [event]).map((given: Partial<Change>, i) => ({ id: `invoke-${i + 1}`, operation: "insert", ...given }));
      return ((await handler()) as ChangesHandler)(changes as Change[], context);
    }
    case "object": {
      const given = event as { name?: unknown } | undefined;
      if (typeof given?.name !== "string") throw new Error(`an object function needs --event file.json with {"name": "${fn.trigger.prefix}file.csv"}`);
      // The object as it is in the local bucket (SKYPORT_BUCKET_DIR).
      const objects = folderObjects(envReader(env).string("SKYPORT_BUCKET_DIR", DEFAULT_BUCKET_DIR));
      return ((await handler()) as ObjectHandler)({ bucket: fn.trigger.bucket, name: given.name }, objects(fn.trigger.bucket), context);
    }
    case "stream": {
      const given = (event === undefined ? [] : Array.isArray(event) ? event : [event]) as { partitionKey?: unknown; data?: unknown }[];
      if (given.length === 0 || !given.every((r) => typeof r?.partitionKey === "string" && r.data !== undefined)) {
        throw new Error(`a stream function needs records: --event file.json with [{"partitionKey": "...", "data": {...}}, ...], one batch in stream order`);
      }
      const records = given.map((r, i) => ({
        key: r.partitionKey as string,
        position: String(i + 1),
        data: typeof r.data === "string" ? r.data : JSON.stringify(r.data),
        attempt: 1,
      }));
      return ((await handler()) as StreamHandler)(records, context);
    }
    default:
      return ((await handler()) as (t: { scheduledAt: Date }, c: Context) => Promise<unknown>)({ scheduledAt: new Date() }, context);
  }
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function parseJson(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
