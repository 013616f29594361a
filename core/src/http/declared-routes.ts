import { AppDeclarationError } from "../app/declaration.js";
import type { DeclaredRoute, InputSchema } from "./declared-route.js";
import { inputsChecker } from "./route-inputs.js";
import type { Route } from "./router.js";

/** An app's declared routes, whatever their schemas: what `http(routes)` takes and its trigger keeps. */
export type DeclaredRoutes<S> = readonly DeclaredRoute<S, InputSchema, InputSchema, InputSchema>[];

/**
 * Refused where declared: the same method and path twice, one path with its parameters named
 * otherwise, and, on one path, routes that do not agree on `open` (the router answers a path open or behind the identity check as a whole).
 */
export function checkDeclaredRoutes<S>(routes: DeclaredRoutes<S>): void {
  const seen = new Set<string>();
  for (const declared of routes) {
    const same = routes.find((route) => pattern(route.path) === pattern(declared.path) && route.path !== declared.path);
    if (same) throw new AppDeclarationError(`routes ${declared.path} and ${same.path} are one path: name its parameters alike`);
    const key = `${declared.method} ${declared.path}`;
    if (seen.has(key)) throw new AppDeclarationError(`route ${declared.method} ${declared.path} is declared twice`);
    seen.add(key);
    const other = routes.find((route) => pattern(route.path) === pattern(declared.path) && Boolean(route.open) !== Boolean(declared.open));
    if (other)
      throw new AppDeclarationError(`routes ${declared.method} ${declared.path} and ${other.method} ${other.path} share a path: make both open or neither`);
  }
}

/**
 * The router's table for the declared routes, one entry per path, each method's handler getting
 * its checked inputs and the services. Every schema's validator is found here, at bind.
 */
export function declaredRouteTable<S>(routes: DeclaredRoutes<S>, services: S): Route[] {
  const table = new Map<string, Route>();
  for (const declared of routes) {
    const entry = table.get(declared.path) ?? { path: declared.path, methods: {}, ...(declared.open && { open: true }) };
    const inputs = inputsChecker(declared);
    entry.methods[declared.method] = async (request, params, context) => {
      declared.authorize?.(request, services, context);
      const { body, query, params: checked } = inputs(request, params);
      return declared.handler({ body, query, params: checked, request }, services, context);
    };
    if (declared.idempotent) entry.idempotent = true;
    table.set(declared.path, entry);
  }
  return [...table.values()];
}

/** `/notes/{id}` and `/notes/{noteId}` are one path to the router. */
function pattern(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}
