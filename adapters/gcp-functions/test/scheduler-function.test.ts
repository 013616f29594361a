import { http } from "@google-cloud/functions-framework";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleContract } from "@skyport/core/orders/testing";
import type { Lazy, ScheduleHandler } from "@skyport/core";
import { gcpScheduleHandler } from "../src/index.js";
import { schedulerHeaders, serveFunction, type FunctionServer } from "../src/testing/index.js";
import { capturedLogger, memoryOrderService } from "./order-service.js";

let registered = 0;
async function serveCleanup(functions: Lazy<ScheduleHandler>) {
  const { logger, lines } = capturedLogger();
  const name = `ordersCleanup${++registered}`;
  http(name, gcpScheduleHandler(functions, { logger }));
  return { server: await serveFunction(name), lines };
}

scheduleContract("functions framework HTTP function for Cloud Scheduler, memory store", async () => {
  const { deps, service } = memoryOrderService();
  const { server } = await serveCleanup(async () => service.cleanup);
  return {
    orders: deps.orders,
    retentionDays: deps.retentionDays,
    cleanupPageSize: deps.cleanupPageSize,
    async tick() {
      const response = await fetch(server.url, { method: "POST", headers: schedulerHeaders() });
      expect(response.status, await response.text()).toBe(200);
    },
    close: server.close,
  };
});

describe("the Cloud Scheduler target", () => {
  let server: FunctionServer;
  const ticks: (Date | undefined)[] = [];
  let fail = false;
  beforeAll(async () => {
    ({ server } = await serveCleanup(async () => async (tick) => {
      ticks.push(tick.scheduledAt);
      if (fail) throw new Error("store exploded");
      return { deleted: 2, skipped: 0 };
    }));
  });
  afterAll(() => server.close());

  it("answers the report with 200 and passes the schedule time on", async () => {
    const scheduledAt = new Date("2026-11-26T03:00:00.000Z");
    const response = await fetch(server.url, { method: "POST", headers: schedulerHeaders(scheduledAt) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deleted: 2, skipped: 0 });
    expect(ticks.at(-1)).toEqual(scheduledAt);
  });

  it("answers 500 when the cleanup fails, so that the job records it and retries, without detail", async () => {
    fail = true;
    try {
      const response = await fetch(server.url, { method: "POST", headers: schedulerHeaders() });
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("exploded");
    } finally {
      fail = false;
    }
  });

  it("runs only for POST", async () => {
    const before = ticks.length;
    const response = await fetch(server.url, { headers: schedulerHeaders() });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(ticks).toHaveLength(before);
  });
});
