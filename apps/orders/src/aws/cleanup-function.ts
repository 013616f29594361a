import { lambdaScheduleHandler } from "@skyport/aws-lambda";
import type { Env } from "@skyport/core";
import { awsOrderService, type LogOptions } from "./instance.js";
import { UnpublishedEvents } from "../events.js";

/** The scheduled cleanup, fired by an EventBridge rule. */
export function awsCleanupFunction(env: Env, logs: LogOptions = {}) {
  const instance = awsOrderService(env, (_env, logger) => new UnpublishedEvents(logger), logs);
  return lambdaScheduleHandler(instance.service, { logger: instance.logger });
}
