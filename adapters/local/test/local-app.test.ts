import { defineApp, schedule, silentLogger } from "@skyport/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startLocalApp } from "../src/index.js";

afterEach(() => {
  vi.useRealTimers();
});

/** An app with one schedule that counts its runs, on the local runtime, with fake timers. */
async function scheduled(expression: string) {
  const runs: Date[] = [];
  const app = defineApp({ name: "clock", functions: { tick: schedule(expression, () => async (tick) => void runs.push(tick.scheduledAt!)) } });
  const local = await startLocalApp(app, () => ({ logger: silentLogger, services: async () => ({}) }), { PORT: "0", SKYPORT_QUEUE_PATH: ":memory:" });
  return { runs, local };
}

describe("the local runtime's timers", () => {
  it("runs a schedule when it is due, and again at its next time", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-27T10:59:30Z"), toFake: ["Date", "setTimeout", "clearTimeout"] });
    const { runs, local } = await scheduled("0 * * * *");
    await vi.advanceTimersByTimeAsync(29_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs.map((at) => at.toISOString())).toEqual(["2026-11-27T11:00:00.000Z", "2026-11-27T12:00:00.000Z"]);
    await local.close();
  });

  it("waits for a schedule due beyond setTimeout's 24.8-day limit instead of firing at once", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-02T00:00:00Z"), toFake: ["Date", "setTimeout", "clearTimeout"] });
    const { runs, local } = await scheduled("0 0 1 1 *"); // next: 2027-01-01
    await vi.advanceTimersByTimeAsync(40 * 24 * 3_600_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(324 * 24 * 3_600_000);
    expect(runs.map((at) => at.toISOString())).toEqual(["2027-01-01T00:00:00.000Z"]);
    await local.close();
  });
});
