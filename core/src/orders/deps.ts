import type { Clock } from "../ports/clock.js";
import type { EventPublisher } from "../ports/event-publisher.js";
import type { IdempotencyStore } from "../ports/idempotency-store.js";
import type { Ids } from "./ids.js";
import type { IdentityCheck } from "../auth/identity.js";
import type { CorsPolicy } from "../http/cors.js";
import type { OrderStore } from "./order-store.js";

/** Everything the order service needs from the outside world. */
export interface OrderDeps {
  orders: OrderStore;
  idempotency: IdempotencyStore;
  events: EventPublisher;
  clock: Clock;
  ids: Ids;
  retentionDays: number;
  cleanupPageSize: number;
  /** Verifies callers (JWTs from the configured issuer); absent, the API is open (a local run). */
  identity?: IdentityCheck;
  /** The token claim that holds the caller's customer id (SKYPORT_AUTH_CUSTOMER_CLAIM, `sub`). */
  customerClaim?: string;
  /** The browser origins that may call the API (SKYPORT_CORS_ORIGINS); absent, no CORS header is sent. */
  cors?: CorsPolicy;
}
