import type { App } from "../app/app.js";
import type { AppProblems, ProblemsDeclaration } from "../app/problems.js";
import type { Env } from "../config/env.js";
import type { RouteSpec } from "../http/declared-route.js";
import { declaredApiDocument } from "./declared-api.js";

/** What an http function with declared routes says of its API beside them: kept on its trigger, read without services. */
export interface HttpApi {
  info: { title: string; version: string; description?: string };
  /** The function checks identity: a route that is not open needs a bearer token. */
  identity: boolean;
  /** The app's own problem kinds its routes answer. */
  problems?: ProblemsDeclaration<string>;
}

/** What an http function's options say of its API: its title and version ("HTTP API", "1.0.0" unless given), its identity check, its app's problems. */
export function httpApi(
  info: { title: string; version?: string; description?: string } | undefined,
  identity: boolean,
  problems?: ProblemsDeclaration<string>,
): HttpApi {
  return {
    info: { title: info?.title ?? "HTTP API", version: info?.version ?? "1.0.0", ...(info?.description && { description: info.description }) },
    identity,
    ...(problems && { problems }),
  };
}

/** The OpenAPI document of declared routes, the app's problem kinds under the base `problems` resolved (the instance's). */
export function httpApiDocument(routes: readonly RouteSpec[], api: HttpApi, problems?: AppProblems<string>) {
  return declaredApiDocument(routes, { info: api.info, identity: api.identity, ...(problems && { problems: problems.kinds }) });
}

/**
 * The app's OpenAPI document without starting it, as its GET /openapi.json answers it on an
 * instance run with `env`: its http function's declared routes, its problem kinds' types under
 * SKYPORT_PROBLEM_BASE in `env`, else their declared base.
 */
export function appOpenApiDocument<S>(app: App<S>, env: Env = {}) {
  const http = Object.values<App<S>["functions"][string]>(app.functions).find((fn) => fn.trigger.kind === "http");
  const trigger = http?.trigger.kind === "http" ? http.trigger : undefined;
  if (!trigger?.routes || !trigger.api) throw new Error(`app ${app.name} has no http function with declared routes (route(...)): nothing to describe`);
  return httpApiDocument(trigger.routes, trigger.api, trigger.api.problems?.at(env));
}
