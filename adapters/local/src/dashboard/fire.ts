import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { functionOf, type Change } from "@skyport/core";
import type { LocalRuntime } from "./local-runtime.js";
import { badInput, DashboardProblem } from "./problem.js";

type Input = Record<string, unknown>;

/**
 * Fires one function the way its trigger would, through the local server's own parts (the HTTP
 * server, the topic's queue, the stream, the bucket folder, the schedule's run), and answers
 * with what came back: the response, the batch result, the run's result.
 */
export async function fire(runtime: LocalRuntime, name: string, input: Input): Promise<unknown> {
  const fn = Object.hasOwn(runtime.app.functions, name) ? functionOf(runtime.app, name) : undefined;
  if (!fn) throw new DashboardProblem(404, "Not found", `${runtime.app.name} has no function ${JSON.stringify(name)}`);
  const trigger = fn.trigger;
  switch (trigger.kind) {
    case "http":
      return request(runtime, input);
    case "queue": {
      const event = input.event;
      if (!event || typeof event !== "object" || typeof (event as Input).type !== "string") throw badInput('a queue event is an object with a "type"');
      // One batch of one message, as the queue delivers it: a retryable failure is retried, poison dead-lettered.
      return runtime.queue(trigger.topic).deliver([{ id: randomUUID(), body: JSON.stringify(event), attempt: 1, attributes: {} }]);
    }
    case "stream": {
      const records = input.records;
      if (!Array.isArray(records) || records.length === 0 || !records.every((r: Input) => typeof r?.partitionKey === "string" && r.data !== undefined)) {
        throw badInput('"records" is a list of {"partitionKey": "...", "data": {...}}');
      }
      const stream = runtime.streams.get(trigger.stream)!;
      return stream.put(
        records.map((r: Input) => ({ partitionKey: r.partitionKey as string, data: typeof r.data === "string" ? r.data : JSON.stringify(r.data) })),
      );
    }
    case "object":
      return dropFile(runtime, name, trigger.prefix, input);
    case "schedule":
      return { result: (await runtime.run(name)) ?? null };
    case "changes":
      return handChange(runtime, name, input);
    default:
      throw badInput(`a ${(trigger as { kind: string }).kind} function cannot be fired from the dashboard`);
  }
}

const OPERATIONS = ["insert", "update", "delete"];

/** One change handed to the function as its feed would hand it (after what the feed holds), as `skyport invoke` does: nothing is written to the store. */
async function handChange(runtime: LocalRuntime, name: string, input: Input): Promise<unknown> {
  const operation = input.operation ?? "update";
  if (typeof input.key !== "string" || input.key === "") throw badInput('"key" is the document\'s key');
  if (typeof operation !== "string" || !OPERATIONS.includes(operation)) throw badInput(`"operation" is one of ${OPERATIONS.join(", ")}`);
  if (!input.document || typeof input.document !== "object" || Array.isArray(input.document)) throw badInput('"document" is the document, a JSON object');
  const poller = runtime.pollers.find((p) => p.name === name)!;
  const change = {
    id: `dashboard-${randomUUID()}`,
    key: input.key,
    operation: operation as Change["operation"],
    document: input.document as Record<string, unknown>,
  };
  return poller.resend(change);
}

async function request(runtime: LocalRuntime, input: Input): Promise<unknown> {
  if (!runtime.url) throw badInput(`${runtime.app.name} serves no HTTP`);
  const method = typeof input.method === "string" ? input.method.toUpperCase() : "GET";
  if (typeof input.path !== "string" || !input.path.startsWith("/")) throw badInput('"path" is the request\'s path, starting with /');
  const headers = (input.headers ?? {}) as Record<string, string>;
  const body = input.body === undefined || input.body === "" ? undefined : typeof input.body === "string" ? input.body : JSON.stringify(input.body);
  const response = await fetch(new URL(input.path, runtime.url), {
    method,
    headers:
      body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")
        ? { "content-type": "application/json", ...headers }
        : headers,
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers), body: parsed(text) };
}

/** Writes the file under the function's prefix in the bucket folder, then lets the watcher hand it on. */
async function dropFile(runtime: LocalRuntime, name: string, prefix: string, input: Input): Promise<unknown> {
  if (typeof input.name !== "string" || input.name === "" || typeof input.content !== "string") throw badInput('a file is {"name": "...", "content": "..."}');
  const key = `${prefix}${input.name}`;
  const root = resolve(runtime.bucketDir);
  const path = resolve(root, key);
  if (!path.startsWith(root + sep) || key.split("/").some((part) => part.startsWith(".")))
    throw badInput(`${JSON.stringify(input.name)} is no name in the bucket`);
  await mkdir(dirname(path), { recursive: true });
  // Written beside, then renamed: the watcher never sees half a file.
  const partial = join(dirname(path), `.${randomUUID()}.partial`);
  await writeFile(partial, input.content);
  await rename(partial, path);
  await runtime.watchers.find((watcher) => watcher.name === name)?.settle();
  return { object: key };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
