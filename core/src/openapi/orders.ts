import { ORDER_API_INFO, ORDER_ROUTES } from "../orders/http-routes.js";
import type { ApiDescription } from "./document.js";
import { declaredApiDescription } from "./declared-api.js";

/** The order API of docs/API.md as its declared routes (core/src/orders/http-routes.ts) describe it: what its GET /openapi.json is made from. */
export const ORDER_API: ApiDescription = declaredApiDescription(ORDER_ROUTES, ORDER_API_INFO);
