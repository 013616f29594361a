import { describe, expect, it } from "vitest";
import { toContext } from "../src/index.js";
import { hostInvocationContext, type InvocationLog } from "../src/testing/index.js";

describe("Context.logger", () => {
  const invocation = (logs: InvocationLog[]) => hostInvocationContext({ functionName: "orders-queue", triggerType: "queueTrigger", logs });

  it("writes JSON lines through the invocation at their own severity, so Application Insights files them under it", () => {
    const logs: InvocationLog[] = [];
    const { logger } = toContext(invocation(logs), { logLevel: "debug" });
    logger.debug("d");
    logger.info("i", { orderId: "ord_1" });
    logger.warn("w");
    logger.error("e");
    expect(logs.map((l) => l.level)).toEqual(["debug", "information", "warning", "error"]);
    expect(JSON.parse(logs[1]!.message)).toEqual({ level: "info", message: "i", cloud: "azure", functionName: "orders-queue", orderId: "ord_1" });
  });

  it("drops lines below SKYPORT_LOG_LEVEL and keeps a child's fields", () => {
    const logs: InvocationLog[] = [];
    const logger = toContext(invocation(logs), { logLevel: "warn" }).logger.child({ requestId: "r-1" });
    logger.info("dropped");
    logger.warn("kept", { attempt: 2 });
    expect(logs).toHaveLength(1);
    expect(JSON.parse(logs[0]!.message)).toMatchObject({ message: "kept", requestId: "r-1", attempt: 2 });
  });
});

describe("Context.deadline", () => {
  const invocation = hostInvocationContext({ functionName: "orders-http", triggerType: "httpTrigger" });

  it("is the host's functionTimeout from now, or the trigger's own limit when that is sooner", () => {
    const now = Date.now();
    expect(toContext(invocation, { logLevel: "info", functionTimeoutMs: 300_000 }).deadline).toBeGreaterThanOrEqual(now + 300_000);
    const http = toContext(invocation, { logLevel: "info", functionTimeoutMs: 300_000 }, 230_000).deadline!;
    expect(http).toBeGreaterThanOrEqual(now + 230_000);
    expect(http).toBeLessThan(now + 240_000);
  });

  it("is absent when no timeout is known", () => {
    expect(toContext(invocation, { logLevel: "info" }).deadline).toBeUndefined();
  });
});
