import { lambdaHttpHandler, readSqsConfig, sqsEventPublisher } from "@skyport/aws-lambda";
import { envReader, readConfig, type Env } from "@skyport/core";
import { awsOrderService, type LogOptions } from "./instance.js";
import { UnpublishedEvents } from "./unpublished-events.js";

/**
 * The HTTP function. SKYPORT_QUEUE_URL is required with a durable store, so a missing queue
 * fails the start instead of leaving orders unconfirmed; the memory store may go without.
 */
export function awsHttpFunction(env: Env, logs: LogOptions = {}) {
  const withoutQueue = readConfig(env, "dynamodb").store === "memory" && !envReader(env).optional("SKYPORT_QUEUE_URL");
  const queue = withoutQueue ? undefined : readSqsConfig(env);
  const instance = awsOrderService(env, (_env, logger) => (queue ? sqsEventPublisher(queue) : new UnpublishedEvents(logger)), logs);
  return lambdaHttpHandler(instance.service, { logger: instance.logger });
}
