import { lambdaHttpHandler, readSqsConfig, sqsEventPublisher } from "@skyport/aws-lambda";
import type { Env } from "@skyport/core";
import { UnpublishedEvents, queueSettings } from "../events.js";
import { awsOrderService, type LogOptions } from "./instance.js";

/**
 * The HTTP function. SKYPORT_QUEUE_URL is required with a durable store, so a missing queue
 * fails the start instead of leaving orders unconfirmed; the memory store may go without.
 */
export function awsHttpFunction(env: Env, logs: LogOptions = {}) {
  const queue = queueSettings(env, "dynamodb", "SKYPORT_QUEUE_URL", readSqsConfig);
  const instance = awsOrderService(env, (_env, logger) => (queue ? sqsEventPublisher(queue) : new UnpublishedEvents(logger)), logs);
  return lambdaHttpHandler(instance.service, { logger: instance.logger });
}
