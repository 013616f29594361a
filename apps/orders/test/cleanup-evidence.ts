import { MEMORY_STORE, readConfig, type Env } from "@skyport/core";
import type { Order, OrderStore } from "@skyport/core/orders";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a failed cleanup assertion needs to say why: each seeded order's status, version and
 * createdAt before and after the run, the window the run's cutoff (now - retention) fell in, and
 * what the listings the cleanup reads (cancelled; pending before the cutoff) still hold after it.
 * Read with a store of the test's own, before and after the function runs.
 */
export async function cleanupEvidence(orders: OrderStore, env: Env, seeded: Record<string, string>) {
  const store = env.SKYPORT_STORE ?? MEMORY_STORE;
  const { retentionDays } = readConfig(env, { kinds: [store], defaultStore: store });
  const before = await statesOf(orders, seeded);
  const startedAt = Date.now();
  return {
    /** The evidence as the assertion's message, read once the run has answered `report`. */
    async after(report: unknown): Promise<string> {
      const cutoffs = [startedAt, Date.now()].map((at) => new Date(at - retentionDays * DAY_MS).toISOString());
      const after = await statesOf(orders, seeded);
      const cancelled = await orders.listByStatus({ status: "cancelled", limit: 100 });
      const stalePending = await orders.listByStatus({ status: "pending", createdBefore: cutoffs[1], limit: 100 });
      return [
        `cleanup answered ${JSON.stringify(report)}; its cutoff (now - ${retentionDays} days) lies between ${cutoffs[0]} and ${cutoffs[1]}`,
        ...Object.keys(seeded).map((name) => `${name} ${seeded[name]}: before ${before[name]}; after ${after[name]}`),
        `still listed: cancelled [${cancelled.items.map((order) => order.id).join(", ")}], ` +
          `pending before the cutoff [${stalePending.items.map((order) => order.id).join(", ")}]`,
      ].join("\n");
    },
  };
}

async function statesOf(orders: OrderStore, seeded: Record<string, string>): Promise<Record<string, string>> {
  const states: Record<string, string> = {};
  for (const [name, id] of Object.entries(seeded)) states[name] = stateOf(await orders.get(id));
  return states;
}

const stateOf = (order: Order | null) => (order === null ? "gone" : `${order.status} v${order.version} created ${order.createdAt} updated ${order.updatedAt}`);
