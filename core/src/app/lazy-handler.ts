import type { Lazy } from "../function/handlers.js";
import type { AppFunction, AppInstance, HandlerOf, TriggerKind } from "./app.js";

/**
 * The function's handler, bound to the instance's services on the first invocation and kept;
 * a failed build (the store unreachable at start) is forgotten so that the next one tries again.
 */
export function lazyHandler<S, K extends TriggerKind>(fn: AppFunction<S, K>, instance: AppInstance<S>): Lazy<HandlerOf<K>> {
  let bound: Promise<HandlerOf<K>> | undefined;
  return () =>
    (bound ??= instance
      .services()
      .then((services) => fn.bind(services))
      .catch((error: unknown) => {
        bound = undefined;
        throw error;
      }));
}
