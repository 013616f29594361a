import { cloudEvent, http, type CloudEventFunction, type HttpFunction } from "@google-cloud/functions-framework";
import {
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

type Registration = { signature: "http"; fn: HttpFunction } | { signature: "cloudevent"; fn: CloudEventFunction<unknown> };

/** Each trigger kind's function signature: a new kind adds one line here and one folder named after it. */
const KINDS: { [K in TriggerKind]: (handler: Lazy<HandlerOf<K>>, options: AdapterOptions) => Registration } = {
  http: (handler, options) => ({ signature: "http", fn: gcpHttpHandler(handler, options) }),
  queue: (handler, options) => ({ signature: "cloudevent", fn: gcpQueueHandler(handler, options) }),
  schedule: (handler, options) => ({ signature: "http", fn: gcpScheduleHandler(handler, options) }),
  // An ordered push subscription POSTs to the function's URL: Eventarc's Pub/Sub triggers do not keep order.
  stream: (handler, options) => ({ signature: "http", fn: gcpStreamHandler(handler, options) }),
  changes: (handler, options) => ({ signature: "cloudevent", fn: gcpChangesHandler(handler, options) }),
  object: (handler, options) => ({ signature: "cloudevent", fn: gcpObjectHandler(handler, options) }),
};

/**
 * Registers every function of the app with the functions framework under its declared name
 * (`gcloud functions deploy --entry-point=<name>`); the framework serves the one its target names.
 */
export function registerGcpFunctions<S>(app: App<S>, instance: AppInstance<S>, options: Omit<AdapterOptions, "logger" | "metrics">): void {
  for (const [name, fn] of functionsOf(app)) {
    const register = KINDS[fn.trigger.kind] as (handler: Lazy<unknown>, options: AdapterOptions) => Registration;
    const registration = register(lazyHandler(fn as AppFunction<S, TriggerKind>, instance), { ...options, logger: instance.logger, metrics: instance.metrics });
    if (registration.signature === "http") http(name, registration.fn);
    else cloudEvent(name, registration.fn);
  }
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
