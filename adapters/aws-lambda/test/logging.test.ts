import { jsonLogger } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { cloudWatchFormat } from "../src/index.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = jsonLogger({ level: "info", format: cloudWatchFormat(), write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("CloudWatch log lines", () => {
  it("are flat JSON that Logs Insights queries by field, with the Lambda request id", () => {
    const { logger, lines } = capture();
    logger
      .child({ awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678", traceId: "5759e988bd862e3fe1be46a994272793" })
      .info("order confirmed", { orderId: "ord_1" });
    expect(lines).toEqual([
      {
        level: "INFO",
        message: "order confirmed",
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678",
        traceId: "5759e988bd862e3fe1be46a994272793",
        orderId: "ord_1",
      },
    ]);
  });
});
