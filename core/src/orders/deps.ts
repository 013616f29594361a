import type { Clock } from "../ports/clock.js";
import type { EventPublisher } from "../ports/event-publisher.js";
import type { IdempotencyStore } from "../ports/idempotency-store.js";
import type { Ids } from "../ports/ids.js";
import type { OrderStore } from "../ports/order-store.js";

/** Everything the order service needs from the outside world. */
export interface OrderDeps {
  orders: OrderStore;
  idempotency: IdempotencyStore;
  events: EventPublisher;
  clock: Clock;
  ids: Ids;
  retentionDays: number;
  cleanupPageSize: number;
}
