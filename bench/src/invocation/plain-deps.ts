import { systemClock } from "@skyport/core";
import { ulidIds } from "@skyport/core/orders";
import { plainObservability, type PlainCloud } from "../hand-written/observability.js";
import type { PlainDeps } from "../hand-written/orders.js";
import { roundStores } from "./round-stores.js";
import { CountedEvents, discard } from "./skyport-instance.js";
import type { BenchLogLevel } from "./subject.js";

/** What a hand-written handler works on: its own memory store (core's), the same ids and publisher as Skyport, pino at `level`. */
export function plainDeps(cloud: PlainCloud, level: BenchLogLevel): PlainDeps {
  return { orders: roundStores().orders, ids: ulidIds(systemClock), events: new CountedEvents(), observe: plainObservability(cloud, level, discard) };
}
