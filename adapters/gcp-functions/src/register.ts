import { cloudEvent, http, type CloudEventFunction, type HttpFunction } from "@google-cloud/functions-framework";
import {
  functionOf,
  functionsOf,
  lazyHandler,
  type App,
  type AppFunction,
  type AppInstance,
  type Env,
  type HandlerOf,
  type Lazy,
  type TriggerKind,
  type Wiring,
} from "@skyport/core";
import { gcpChangesHandler } from "./changes/handler.js";
import { gcpHttpHandler } from "./http/handler.js";
import { gcpObjectHandler } from "./object/handler.js";
import { readAdapterOptions, type AdapterOptions } from "./options.js";
import { gcpQueueHandler } from "./queue/handler.js";
import { pubSubTopics } from "./queue/publisher.js";
import { gcpScheduleHandler } from "./schedule/handler.js";
import { gcpStreamHandler } from "./stream/handler.js";

type Source<K extends TriggerKind> = (handler: Lazy<HandlerOf<K>>, options: AdapterOptions) => HttpFunction | CloudEventFunction<unknown>;

/** Each trigger kind's translation: a new kind adds one line here, one in SIGNATURES, and one folder named after it. */
const KINDS: { [K in TriggerKind]: Source<K> } = {
  http: gcpHttpHandler,
  queue: gcpQueueHandler,
  schedule: gcpScheduleHandler,
  stream: (handler, options) => gcpStreamHandler(handler, options),
  changes: gcpChangesHandler,
  object: gcpObjectHandler,
};

/**
 * How the framework calls each kind's function. An ordered push subscription POSTs to the stream function's URL:
 * Eventarc's Pub/Sub triggers do not keep order.
 */
const SIGNATURES: { [K in TriggerKind]: "http" | "cloudevent" } = {
  http: "http",
  queue: "cloudevent",
  schedule: "http",
  stream: "http",
  changes: "cloudevent",
  object: "cloudevent",
};

/**
 * Registers every function of the app with the functions framework under its declared name
 * (`gcloud functions deploy --entry-point=<name>`); the framework serves the one its target names.
 */
export function registerGcpFunctions<S>(app: App<S>, instance: AppInstance<S>, options: Omit<AdapterOptions, "logger" | "metrics">): void {
  for (const [name, fn] of functionsOf(app))
    registerGcpFunctionOf(fn.trigger.kind, KINDS[fn.trigger.kind] as Source<TriggerKind>)(app, name, instance, options);
}

/**
 * Registers one function of an app, given its kind's translation (`gcpHttpHandler`, ...) in place of the table of
 * all kinds: a function's own bundle (`skyport build`) then carries its own kind's translation and not the other
 * kinds'. A function of another kind is refused.
 */
export function registerGcpFunctionOf<K extends TriggerKind>(kind: K, source: Source<K>) {
  return <S>(app: App<S>, name: string, instance: AppInstance<S>, options: Omit<AdapterOptions, "logger" | "metrics"> = {}): void => {
    const fn = functionOf(app, name) as AppFunction<S, TriggerKind>;
    if (fn.trigger.kind !== kind) throw new Error(`function ${name} is a ${fn.trigger.kind} function; this registration serves ${kind} functions`);
    const registered = source(lazyHandler(fn as AppFunction<S, K>, instance), { ...options, logger: instance.logger, metrics: instance.metrics });
    if (SIGNATURES[kind] === "http") http(name, registered as HttpFunction);
    else cloudEvent(name, registered as CloudEventFunction<unknown>);
  };
}

/**
 * The bundle's entry: Cloud Functions serves one function per deployment and names it in
 * FUNCTION_TARGET, so only that function's settings are read (all of them without it).
 */
export function registerGcpApp<S>(app: App<S>, wiring: Wiring<S>, env: Env = { ...process.env }): AppInstance<S> {
  const target = env.FUNCTION_TARGET;
  const instance = wiring(env, { served: target ? [target] : Object.keys(app.functions), queue: pubSubTopics(env) });
  registerGcpFunctions(app, instance, readAdapterOptions(env));
  return instance;
}
