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
import { type HttpApi, httpApi, httpApiDocument } from "../openapi/app-document.js";
import { documentRoute } from "../openapi/route.js";
import type { AppProblems, ProblemsDeclaration } from "./problems.js";
import { collectionsUsed, secretsUsed, type AppFunction, type FunctionOptions } from "./app.js";

/** An HTTP function's trigger: its declared routes and API description, when it has them. */
export interface HttpTrigger {
  kind: "http";
  /** The declared routes (`route(...)`), when the function is given them: what the build compiles and `/openapi.json` describes, without services. */
  routes?: readonly RouteSpec[];
  /** With declared routes: what their GET /openapi.json says beside them (`skyport client` reads it too). */
  api?: HttpApi;
}

declare module "./app.js" {
  interface TriggerKinds {
    http: { trigger: HttpTrigger; handler: HttpHandler };
  }
}

/** An HTTP function's options: its identity check, CORS policy and Idempotency-Keys, each built from the services. */
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
  /** The title and version of the declared routes' GET /openapi.json ("HTTP API", "1.0.0" unless given). */
  info?: { title: string; version?: string; description?: string };
  /**
   * The app's own problem kinds its declared routes answer, for their GET /openapi.json: `declared`
   * is the `problems({...})` declaration, `at` the services' resolved kinds (`problems.at(env)`), so
   * that the types there follow SKYPORT_PROBLEM_BASE as the answers do (without `at`, the declared base).
   */
  problems?: { declared: ProblemsDeclaration<string>; at?: (services: S) => AppProblems<string> };
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
    if (declared.some((route) => route.path === "/openapi.json"))
      throw new AppDeclarationError("GET /openapi.json is the framework's: it describes the declared routes");
  }
  const api = declared && httpApi(options.info, options.identity !== undefined, options.problems?.declared);
  const table = (services: S) => {
    if (!declared || !api) return (routes as (services: S) => readonly Route[])(services);
    const problems = options.problems && (options.problems.at?.(services) ?? options.problems.declared.at({}));
    return [...declaredRouteTable(declared, services), documentRoute(() => httpApiDocument(declared, api, problems))];
  };
  return {
    trigger: declared && api ? { kind: "http", routes: Object.freeze([...declared]), api } : { kind: "http" },
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
