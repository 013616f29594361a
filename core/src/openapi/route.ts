import type { Route } from "../http/router.js";
import { type ApiDescription, openApiDocument } from "./document.js";

/**
 * `GET /openapi.json`, open like /health: the document of the route table it is part of, built
 * at its first request (not at a cold start) and kept.
 */
export function openApiRoute(routes: readonly Route[], api: ApiDescription): Route {
  return documentRoute(() => openApiDocument(routes, api));
}

/** `GET /openapi.json` answering the document `build` makes, made at the first request and kept. */
export function documentRoute(build: () => object): Route {
  let body: string | undefined;
  return {
    path: "/openapi.json",
    open: true,
    methods: {
      GET: async () => {
        body ??= JSON.stringify(build());
        return { status: 200, headers: { "content-type": "application/json", "cache-control": "public, max-age=300" }, body };
      },
    },
  };
}
