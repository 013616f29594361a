import type { Lazy } from "../function/handlers.js";
import { servicesFor } from "../secrets/cached-secrets.js";
import type { AppFunction, AppInstance, HandlerOf, TriggerKind } from "./app.js";

/**
 * The function's handler, bound to the instance's services on the first invocation and kept;
 * a failed build (the store unreachable at start) is forgotten so that the next one tries again.
 * Its handlers see only the secrets the function lists (`servicesFor`).
 */
export function lazyHandler<S, K extends TriggerKind>(fn: AppFunction<S, K>, instance: AppInstance<S>): Lazy<HandlerOf<K>> {
  let bound: Promise<HandlerOf<K>> | undefined;
  return () =>
    (bound ??= instance
      .services()
      .then((services) => fn.bind(servicesFor(services, fn.secrets)))
      .catch((error: unknown) => {
        bound = undefined;
        throw error;
      }));
}
