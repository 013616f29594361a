import type { Context } from "../function/context.js";
import type { ScheduleHandler } from "../function/handlers.js";
import { VersionConflict } from "../ports/errors.js";
import type { StatusQuery } from "./order-store.js";
import type { OrderDeps } from "./deps.js";

/** What one run of the scheduled cleanup did. */
export interface CleanupReport {
  /** Listed orders that are gone after their delete. */
  deleted: number;
  /** Orders that changed between the listing and the delete; the next run looks again. */
  skipped: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes cancelled orders and pending ones older than the retention, page by page. */
export function deleteExpiredOrders(deps: Pick<OrderDeps, "orders" | "clock" | "retentionDays" | "cleanupPageSize">): ScheduleHandler {
  return async function cleanup(_tick, context: Context): Promise<CleanupReport> {
    const cutoff = new Date(deps.clock.now().getTime() - deps.retentionDays * DAY_MS).toISOString();
    const report: CleanupReport = { deleted: 0, skipped: 0 };
    await sweep({ status: "cancelled", limit: deps.cleanupPageSize }, report);
    await sweep({ status: "pending", createdBefore: cutoff, limit: deps.cleanupPageSize }, report);
    context.logger.info("cleanup done", { ...report, cutoff });
    return report;
  };

  async function sweep(query: StatusQuery, report: CleanupReport) {
    let after: string | undefined;
    do {
      const page = await deps.orders.listByStatus({ ...query, after });
      for (const order of page.items) {
        try {
          await deps.orders.delete(order.id, order.version);
          report.deleted++;
        } catch (error) {
          if (!(error instanceof VersionConflict)) throw error;
          // A delete that landed but whose answer was lost is retried by the store's SDK and then fails its
          // own condition: an order gone is deleted, whoever's call removed it; one still there changed.
          if ((await deps.orders.get(order.id)) === null) report.deleted++;
          else report.skipped++;
        }
      }
      after = page.next ?? undefined;
    } while (after !== undefined);
  }
}
