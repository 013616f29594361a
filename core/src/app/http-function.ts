import type { HttpHandler } from "../function/handlers.js";
import type { RouteSpec } from "../http/declared-route.js";
import { checkDeclaredRoutes, declaredRouteTable, type DeclaredRoutes } from "../http/declared-routes.js";
import { AppDeclarationError } from "./declaration.js";
import { handleHttp } from "../http/handle.js";
import { createRouter, type Route } from "../http/router.js";
import type { IdentityCheck } from "../auth/identity.js";
import type { CorsPolicy } from "../http/cors.js";
import type { Collection } from "../collections/collection.js";
import { idempotencyCollection, type IdempotencyDocument } from "../idempotency/collection.js";
import { collectionIdempotencyStore } from "../idempotency/collection-store.js";
import { systemClock, type Clock } from "../ports/clock.js";
import { collectionsUsed, secretsUsed, type AppFunction, type FunctionOptions } from "./app.js";

export interface HttpTrigger {
  kind: "http";
  /** The declared routes (`route(...)`), when the function is given them: what the build compiles and `/openapi.json` describes, without services. */
  routes?: readonly RouteSpec[];
}

declare module "./app.js" {
  interface TriggerKinds {
    http: { trigger: HttpTrigger; handler: HttpHandler };
  }
}

export interface HttpOptions<S> extends FunctionOptions {
  /** The services' identity check: every route that is not `open` then needs a token that verifies. */
  identity?: (services: S) => IdentityCheck | undefined;
  /** The services' CORS policy: which browser origins may call the routes. */
  cors?: (services: S) => CorsPolicy | undefined;
  /**
   * Where the idempotent routes (`idempotent: true`) keep their Idempotency-Keys: the services'
   * `documents.collection(idempotencyCollection)` (and a clock, the system's by default). The
   * function then uses that collection, and the app declares it without listing it.
   */
  idempotency?: (services: S) => { keys: Collection<IdempotencyDocument>; clock?: Clock };
}

/**
 * An HTTP function: its declared routes (`route(...)`, each request checked against their schemas
 * before the handler), or a route table (method + path pattern -> handler) built from the services.
 * Every answer is problem+json on error, carries `x-request-id`, and is logged as one line.
 */
export function http<S>(routes: DeclaredRoutes<S> | ((services: S) => readonly Route[]), options: HttpOptions<S> = {}): AppFunction<S, "http"> {
  const declared = typeof routes === "function" ? undefined : routes;
  if (declared) {
    checkDeclaredRoutes(declared);
    const idempotent = declared.find((route) => route.idempotent);
    if (idempotent && !options.idempotency)
      throw new AppDeclarationError(
        `route ${idempotent.method} ${idempotent.path} is idempotent: give its http function the idempotency option (where the keys are kept)`,
      );
  }
  const table = (services: S) => (declared ? declaredRouteTable(declared, services) : (routes as (services: S) => readonly Route[])(services));
  return {
    trigger: declared ? { kind: "http", routes: Object.freeze([...declared]) } : { kind: "http" },
    publishes: options.publishes ?? [],
    collections: options.idempotency ? [...collectionsUsed(options), idempotencyCollection.name] : collectionsUsed(options),
    secrets: secretsUsed(options),
    ...(options.idempotency && { declares: [idempotencyCollection] }),
    bind: (services) => {
      const cors = options.cors?.(services);
      const idempotency = options.idempotency?.(services);
      const keys = idempotency && { store: collectionIdempotencyStore(idempotency.keys), clock: idempotency.clock ?? systemClock };
      return handleHttp(createRouter(table(services), options.identity?.(services), cors, keys), cors);
    },
  };
}
