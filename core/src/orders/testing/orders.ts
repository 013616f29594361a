import type { Order, OrderStatus } from "../order.js";
import { ulidIds } from "../ids.js";
import type { OrderStore } from "../order-store.js";
import { uniqueKey } from "../../testing/unique-key.js";

/** A customer id no other test uses, so that suites can share one store. */
export function uniqueCustomer(label = "cus"): string {
  return uniqueKey(label);
}

/** A stored order as the service would write it, created at `createdAt`. */
export function orderAt(createdAt: Date, fields: Partial<Omit<Order, "id" | "createdAt">> & { id?: string } = {}): Order {
  const id = fields.id ?? ulidIds({ now: () => createdAt }).orderId();
  const at = createdAt.toISOString();
  return {
    id,
    customerId: "cus_contract",
    items: [{ sku: "SKU-1", quantity: 2, unitPrice: 1999 }],
    currency: "EUR",
    total: 3998,
    status: "pending" as OrderStatus,
    updatedAt: at,
    version: 1,
    ...fields,
    createdAt: at,
  };
}

/** `count` orders one second apart, ending `endingAt`, oldest first. */
export function ordersFor(customerId: string, count: number, fields: Partial<Order> = {}, endingAt = new Date()): Order[] {
  return Array.from({ length: count }, (_, i) => orderAt(new Date(endingAt.getTime() - (count - i) * 1000), { customerId, ...fields }));
}

/** How many orders a customer has, read page by page as the API lists them. */
export async function customerOrderCount(orders: Pick<OrderStore, "listByCustomer">, customerId: string): Promise<number> {
  let count = 0;
  let after: string | undefined;
  do {
    const page = await orders.listByCustomer(customerId, { limit: 1000, after });
    count += page.items.length;
    after = page.next ?? undefined;
  } while (after !== undefined);
  return count;
}
