import type { Route } from "../http/router.js";

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
