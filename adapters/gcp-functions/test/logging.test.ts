import { jsonLogger } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { cloudLoggingFormat } from "../src/index.js";

describe("Cloud Logging lines", () => {
  it("carry severity, message, the trace as Cloud Trace names it, and metrics for log-based metrics", () => {
    const lines: Record<string, unknown>[] = [];
    const logger = jsonLogger({ level: "info", format: cloudLoggingFormat("demo-skyport"), write: (line) => lines.push(JSON.parse(line)) });
    const traced = logger.child({ requestId: "r-1", traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" });
    traced.info("order created", { orderId: "ord_1", metrics: { OrdersCreated: 1 } });
    traced.warn("store unavailable");
    logger.debug("hidden");
    expect(lines).toEqual([
      {
        severity: "INFO",
        message: "order created",
        time: expect.any(String),
        requestId: "r-1",
        traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
        spanId: "00f067aa0ba902b7",
        orderId: "ord_1",
        metrics: { OrdersCreated: 1 },
        "logging.googleapis.com/trace": "projects/demo-skyport/traces/4bf92f3577b34da6a3ce929d0e0e4736",
        "logging.googleapis.com/spanId": "00f067aa0ba902b7",
      },
      expect.objectContaining({ severity: "WARNING", message: "store unavailable" }),
    ]);
  });
});
