import { jsonLogger } from "@skyport/core";
import { createOrderService, type OrderDeps } from "@skyport/core/orders";
import { memoryOrderDeps } from "@skyport/core/orders/testing";
import { cloudLoggingFormat } from "../src/index.js";

/** Core's order service over the memory store: the real behaviour every adapter translates to. */
export function memoryOrderService(overrides: Partial<OrderDeps> = {}) {
  const deps = memoryOrderDeps({ cleanupPageSize: 4, ...overrides });
  return { deps, service: createOrderService(deps) };
}

/** A Cloud Logging logger whose lines the test can read. */
export function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = jsonLogger({ level: "debug", format: cloudLoggingFormat("demo-skyport"), write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
