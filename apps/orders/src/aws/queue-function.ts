import { lambdaSqsHandler } from "@skyport/aws-lambda";
import type { Env } from "@skyport/core";
import { awsOrderService, type LogOptions } from "./instance.js";
import { UnpublishedEvents } from "../events.js";

/** The orders queue's consumer: SQS batches with partial batch responses. */
export function awsQueueFunction(env: Env, logs: LogOptions = {}) {
  const instance = awsOrderService(env, (_env, logger) => new UnpublishedEvents(logger), logs);
  return lambdaSqsHandler(instance.service, { logger: instance.logger });
}
