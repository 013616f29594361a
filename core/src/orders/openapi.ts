import { ORDER_API_INFO, ORDER_ROUTES } from "./http-routes.js";
import type { ApiDescription } from "../openapi/document.js";
import { declaredApiDescription } from "../openapi/declared-api.js";

/** The order API of docs/API.md as its declared routes (core/src/orders/http-routes.ts) describe it: what its GET /openapi.json is made from. */
export const ORDER_API: ApiDescription = declaredApiDescription(ORDER_ROUTES, ORDER_API_INFO);
