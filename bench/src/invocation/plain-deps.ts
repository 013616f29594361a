import { systemClock, ulidIds } from "@skyport/core";
import type { PlainDeps } from "../hand-written/orders.js";
import { roundStores } from "./round-stores.js";
import { CountedEvents } from "./skyport-instance.js";

/** What a hand-written handler works on: its own memory store (core's), the same ids and publisher as Skyport. */
export function plainDeps(): PlainDeps {
  return { orders: roundStores().orders, ids: ulidIds(systemClock), events: new CountedEvents() };
}
