import type { Context } from "../function/context.js";
import type { HttpRequest, HttpResponse } from "../function/http.js";
import type { IdentityCheck } from "../auth/identity.js";
import { answerIdempotently, type IdempotencyKeys } from "../idempotency/idempotent.js";
import { isPreflight, preflightResponse, type CorsPolicy } from "./cors.js";
import { Problem } from "./problem.js";

/** A route's handler: the request, the path's parameters by name, and the invocation's context. */
export type RouteHandler = (request: HttpRequest, params: Record<string, string>, context: Context) => Promise<HttpResponse>;

/** A path pattern such as `/orders/{id}` and its handler per method. */
export interface Route {
  path: string;
  methods: Partial<Record<string, RouteHandler>>;
  /** Served without a token even when the app checks identity (a health check, a public document). */
  open?: boolean;
  /**
   * Its POST honours `Idempotency-Key` as the order API does (kept 2xx answers replayed, 409 while
   * in flight, 422 for another body; keys per caller): the http function then needs `idempotency`.
   */
  idempotent?: boolean;
}

interface CompiledRoute extends Route {
  segments: string[];
  allow: string;
}

/**
 * Matches 404 (no such path) before 405 (path without that method, with `Allow`), then, where
 * the app checks identity and the route is not open, 401 (no or a bad token) before the handler,
 * which gets the caller as `context.principal` and `context.claims`. HEAD is answered wherever GET
 * is (RFC 9110 9.3.2), without the body; OPTIONS answers 204 with `Allow`, or the CORS preflight.
 */
export function createRouter(routes: readonly Route[], identity?: IdentityCheck, cors?: CorsPolicy, idempotency?: IdempotencyKeys) {
  const unkept = routes.find((route) => route.idempotent && !idempotency);
  if (unkept) throw new Error(`route ${unkept.path} is idempotent: give its http function the idempotency option (where the keys are kept)`);
  const compiled: CompiledRoute[] = routes.map((route) => {
    const methods = Object.keys(route.methods);
    if (methods.includes("GET") && !methods.includes("HEAD")) methods.splice(methods.indexOf("GET") + 1, 0, "HEAD");
    return { ...route, segments: route.path.split("/").slice(1), allow: [...methods, "OPTIONS"].join(", ") };
  });
  return function route(request: HttpRequest, context: Context): Promise<HttpResponse> {
    const segments = splitPath(request.path);
    for (const route of compiled) {
      const params = segments && match(route.segments, segments);
      if (!params) continue;
      const method = request.method.toUpperCase();
      if (method === "OPTIONS")
        return Promise.resolve(isPreflight(request) ? preflightResponse(cors, request, route.allow) : { status: 204, headers: { allow: route.allow } });
      // HEAD runs GET; handleHttp drops the body of whatever it answers.
      if (method === "HEAD" && route.methods.GET && !route.methods.HEAD) return routed(route, route.methods.GET, request, params, context);
      const handler = route.methods[method];
      if (!handler) {
        throw new Problem("method-not-allowed", `${route.path} allows ${route.allow}.`, undefined, { allow: route.allow });
      }
      return routed(route, handler, request, params, context);
    }
    throw new Problem("not-found", "No such resource.");
  };

  function routed(route: Route, handler: RouteHandler, request: HttpRequest, params: Record<string, string>, context: Context): Promise<HttpResponse> {
    if (!identity || route.open) return run(route, handler, request, params, context);
    return identity.authenticate(request.headers.authorization).then(({ subject, claims }) => {
      const { requestId, cloud, deadline, logger, traceparent } = context;
      return run(route, handler, request, params, { requestId, cloud, deadline, logger, traceparent, principal: subject, claims });
    });
  }

  /** The handler, under its Idempotency-Key where the route is idempotent (keys scoped to the caller, known by now). */
  function run(route: Route, handler: RouteHandler, request: HttpRequest, params: Record<string, string>, context: Context): Promise<HttpResponse> {
    if (!route.idempotent || request.method.toUpperCase() !== "POST") return handler(request, params, context);
    return answerIdempotently(idempotency!, request, context, () => handler(request, params, context));
  }
}

function splitPath(path: string): string[] | null {
  if (!path.startsWith("/")) return null;
  const segments = path.slice(1).split("/");
  if (!path.includes("%")) return segments; // nothing to decode: the usual case
  try {
    return segments.map(decodeURIComponent);
  } catch {
    return null;
  }
}

function match(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith("{")) {
      if (s === "") return null;
      params[p.slice(1, -1)] = s;
    } else if (p !== s) return null;
  }
  return params;
}
