import type { HttpHandler } from "../function/handlers.js";
import { handleHttp } from "../http/handle.js";
import { createRouter, type Route } from "../http/router.js";
import type { AppFunction, FunctionOptions } from "./app.js";

export interface HttpTrigger {
  kind: "http";
}

declare module "./app.js" {
  interface TriggerKinds {
    http: { trigger: HttpTrigger; handler: HttpHandler };
  }
}

/**
 * An HTTP function: a route table (method + path pattern -> handler) built from the services.
 * Every answer is problem+json on error, carries `x-request-id`, and is logged as one line.
 */
export function http<S>(routes: (services: S) => readonly Route[], options: FunctionOptions = {}): AppFunction<S, "http"> {
  return {
    trigger: { kind: "http" },
    publishes: options.publishes ?? [],
    bind: (services) => handleHttp(createRouter(routes(services))),
  };
}
