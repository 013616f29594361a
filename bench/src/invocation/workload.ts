/** The order every POST of the workload creates: three items, as a shop's checkout sends it. */
export const ORDER_BODY = JSON.stringify({
  customerId: "cus_bench_42",
  items: [
    { sku: "SKU-1001", quantity: 2, unitPrice: 1999 },
    { sku: "SKU-2002", quantity: 1, unitPrice: 45900 },
    { sku: "GIFT.WRAP", quantity: 1, unitPrice: 0 },
  ],
  currency: "EUR",
});

export const JSON_HEADERS = { "content-type": "application/json" };

/** The order id of a 201 answer, from its Location header. */
export function createdId(location: string | undefined): string {
  const id = location?.startsWith("/orders/") ? location.slice(8) : undefined;
  if (!id) throw new Error(`a POST /orders did not answer with a Location (got ${String(location)})`);
  return id;
}
