import type app from "../src/app.js";

export type OrderFunction = keyof typeof app.functions;

/** Each function's own handlers in the order domain (apps/orders/src/app.ts names them): only its bundle may carry them. */
export const HANDLERS: Record<OrderFunction, string[]> = {
  api: ["core/src/orders/http-routes.ts", "core/src/openapi/document.ts", "core/src/orders/validators.generated.js"],
  confirm: ["core/src/orders/confirm-order.ts"],
  cleanup: ["core/src/orders/cleanup.ts"],
  ship: ["core/src/orders/apply-shipment.ts"],
  outbox: ["core/src/orders/publish-order-created.ts"],
  import: ["core/src/orders/import/import-orders.ts", "core/src/orders/import/csv.ts"],
};

/** The other functions' handlers that a bundle of `fn` carries (`carried` says which sources it does): none, for a right build. */
export function othersCarried(fn: OrderFunction, carried: (source: string) => boolean): string[] {
  // The import creates orders through the API's own validation: the generated validators are its too.
  const shared = fn === "import" ? ["core/src/orders/validators.generated.js"] : [];
  return (Object.keys(HANDLERS) as OrderFunction[])
    .filter((other) => other !== fn)
    .flatMap((other) => HANDLERS[other])
    .filter((source) => carried(source) && !shared.includes(source));
}
