import type { IdempotencyStore } from "../../ports/idempotency-store.js";
import type { HttpTarget } from "../../testing/http-target.js";
import type { OrderStore } from "../order-store.js";

/** The order service as the HTTP contract drives it, with the stores behind it where the test can reach them. */
export interface OrderServiceTarget extends HttpTarget {
  /**
   * The idempotency store behind the target, when the test can reach it: lets the suite hold
   * a key in flight deterministically. Remote targets leave it out and race two requests.
   */
  idempotency?: IdempotencyStore;
  /**
   * The order store behind the target, when the test can reach it: lets the suite seed an order
   * that no queue consumer will confirm. Remote targets leave it out and race the consumer.
   */
  orders?: OrderStore;
}
