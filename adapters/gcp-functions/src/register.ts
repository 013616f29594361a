import { cloudEvent, http, type CloudEventFunction, type HttpFunction } from "@google-cloud/functions-framework";
import { functionsOf, lazyHandler, type App, type AppFunction, type AppInstance, type Env, type HandlerOf, type Lazy, type TriggerKind, type Wiring } from "@skyport/core";
import { gcpFunctionOptions } from "./context.js";
import { pubSubTopics } from "./pubsub/publisher.js";
import type { GcpFunctionOptions } from "./context.js";
import { httpFunction } from "./http/function.js";
import { pubsubQueueFunction } from "./pubsub/queue-function.js";
import { schedulerFunction } from "./scheduler/scheduler-function.js";

type Registration = { signature: "http"; fn: HttpFunction } | { signature: "cloudevent"; fn: CloudEventFunction<unknown> };

/** Each trigger kind's function signature: a new kind adds one line here and one folder beside http/. */
const KINDS: { [K in TriggerKind]: (handler: Lazy<HandlerOf<K>>, options: GcpFunctionOptions) => Registration } = {
  http: (handler, options) => ({ signature: "http", fn: httpFunction(handler, options) }),
  queue: (handler, options) => ({ signature: "cloudevent", fn: pubsubQueueFunction(handler, options) }),
  schedule: (handler, options) => ({ signature: "http", fn: schedulerFunction(handler, options) }),
};

/**
 * Registers every function of the app with the functions framework under its declared name
 * (`gcloud functions deploy --entry-point=<name>`); the framework serves the one its target names.
 */
export function registerGcpFunctions<S>(app: App<S>, instance: AppInstance<S>, options: Omit<GcpFunctionOptions, "logger">): void {
  for (const [name, fn] of functionsOf(app)) {
    const register = KINDS[fn.trigger.kind] as (handler: Lazy<unknown>, options: GcpFunctionOptions) => Registration;
    const registration = register(lazyHandler(fn as AppFunction<S, TriggerKind>, instance), { ...options, logger: instance.logger });
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
  registerGcpFunctions(app, instance, gcpFunctionOptions(env));
  return instance;
}
