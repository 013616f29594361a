import { describe, expect, it } from "vitest";
import type { ScheduledEvent } from "aws-lambda";
import { silentLogger, type Context, type ScheduleTick } from "@skyport/core";
import { UnsupportedEvent, isScheduledEvent, lambdaScheduleHandler, fromScheduledEvent } from "../src/index.js";
import fixture from "../src/testing/fixtures/eventbridge-scheduled-event.json" with { type: "json" };
import { lambdaContext, scheduledEvent } from "../src/testing/index.js";

describe("EventBridge scheduled event -> ScheduleTick", () => {
  it("reads when the rule fired", () => {
    const event = fixture as unknown as ScheduledEvent;
    expect(isScheduledEvent(event)).toBe(true);
    expect(fromScheduledEvent(event)).toEqual({ scheduledAt: new Date("2026-11-26T03:00:00Z") });
  });

  it("runs the cleanup with the tick and returns its report", async () => {
    let seen: { tick?: ScheduleTick; context?: Context } = {};
    const cleanup = async (tick: ScheduleTick, context: Context) => {
      seen = { tick, context };
      return { deleted: 3, skipped: 0 };
    };
    const handler = lambdaScheduleHandler(async () => cleanup, { logger: silentLogger });
    const lambda = lambdaContext({ functionName: "skyport-orders-cleanup" });
    const event = scheduledEvent(new Date("2026-11-27T03:00:00.123Z"));
    expect(await handler(event, lambda)).toEqual({ deleted: 3, skipped: 0 });
    expect(seen.tick).toEqual({ scheduledAt: new Date("2026-11-27T03:00:00Z") });
    expect(seen.context).toMatchObject({ requestId: lambda.awsRequestId, cloud: "aws" });
  });

  it("refuses any other EventBridge event", async () => {
    const handler = lambdaScheduleHandler(async () => async () => undefined, { logger: silentLogger });
    const other = { ...fixture, "detail-type": "EC2 Instance State-change Notification", source: "aws.ec2" } as unknown as ScheduledEvent;
    expect(isScheduledEvent(other)).toBe(false);
    await expect(handler(other, lambdaContext())).rejects.toBeInstanceOf(UnsupportedEvent);
  });
});
