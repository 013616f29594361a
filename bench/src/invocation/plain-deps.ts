import { memoryStores, systemClock, ulidIds } from "@skyport/core";
import type { PlainDeps } from "../hand-written/orders.js";
import { CountedEvents } from "./skyport-instance.js";

/** What a hand-written handler works on: its own memory store, the same ids and publisher as Skyport. */
export function plainDeps(): PlainDeps {
  return { orders: memoryStores().orders, ids: ulidIds(systemClock), events: new CountedEvents() };
}
