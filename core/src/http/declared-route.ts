import type { Static, TSchema } from "typebox";
import type { Context } from "../function/context.js";
import type { HttpRequest, HttpResponse } from "../function/http.js";

/** The methods a declared route can answer (HEAD and OPTIONS are the router's, from these). */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One answer a route declares for a status: what its OpenAPI document says, and the body's schema. */
export interface DeclaredAnswer {
  description: string;
  /** The JSON body's schema (application/json); none for an answer without a body (204, 304). */
  body?: TSchema;
  /** Response headers by name, each with its description and (optionally) its value's schema. */
  headers?: Readonly<Record<string, { description: string; schema?: TSchema }>>;
}

/**
 * What a route declares about itself: its inputs' schemas (JSON Schema 2020-12, written with
 * TypeBox), its answers per status and the problems it may answer. The build compiles every
 * schema ahead of time; the router checks each request against them before the handler runs
 * (a 400 `validation` problem with every broken rule, each at a JSON Pointer), and the app's
 * `/openapi.json` is made from the same declarations.
 */
export interface RouteSpec<B extends InputSchema = TSchema, Q extends InputSchema = TSchema, P extends InputSchema = TSchema> {
  method: RouteMethod;
  /** A path pattern such as `/notes/{id}`. */
  path: string;
  /** The OpenAPI operationId, unique in the app (a typed client's method name); by default from the method and path. */
  operationId?: string;
  summary?: string;
  description?: string;
  /** The JSON body's schema: a body that is not JSON answers 400 `malformed-json`, one that breaks it 400 `validation`. */
  body?: B;
  /** The query's schema, an object of the parameters (strings, coerced to the schema's numbers and booleans). */
  query?: Q;
  /** The path parameters' schema, an object with a property per `{name}` in `path`. */
  params?: P;
  /**
   * The request headers it reads, an object schema of strings by header name: documented, and
   * checked before the handler (which reads them from the request).
   */
  headers?: TSchema;
  /** Every answer it gives on success (and 304), by status. */
  answers: Readonly<Record<number, DeclaredAnswer>>;
  /** The problem kinds (the framework's or the app's) it may answer beside those every route can (400, 401, 500, 503...). */
  problems?: readonly string[];
  /** Served without a token even when the app checks identity. */
  open?: boolean;
  /** A POST that honours `Idempotency-Key` (replay, 409 in flight, 422 for another body); its http function then needs `idempotency`. */
  idempotent?: boolean;
}

/** An input's schema, or `undefined` where the route declares none (what `route()` infers then). */
export type InputSchema = TSchema | undefined;

/** A schema's value, `undefined` where the route declares none, `unknown` where either may be (an app's routes seen together). */
export type Checked<T> = [T] extends [undefined] ? undefined : [T] extends [TSchema] ? Static<T> : unknown;

/** What a declared route's handler gets: its inputs, checked against the schemas and typed from them, and the request. */
export interface RouteInput<B, Q, P> {
  body: Checked<B>;
  query: Checked<Q>;
  params: Checked<P>;
  request: HttpRequest;
}

/** A route with its handler, which gets the checked inputs, the app's services and the request's context. */
export interface DeclaredRoute<S, B extends InputSchema = TSchema, Q extends InputSchema = TSchema, P extends InputSchema = TSchema>
  extends RouteSpec<B, Q, P> {
  // A method, so that a route with its own schemas is one of an app's `DeclaredRoute<S>[]` (its input is narrower).
  handler(input: RouteInput<B, Q, P>, services: S, context: Context): Promise<HttpResponse>;
  /** The caller's permission, checked before the inputs are read: a 403 comes before the body's 415, 413 or 400. */
  authorize?(request: HttpRequest, services: S, context: Context): void;
}
