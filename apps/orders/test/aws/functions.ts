import {
  lambdaHandler,
  sqsQueues,
  type LambdaChangesHandler,
  type LambdaHttpHandler,
  type LambdaScheduleHandler,
  type LambdaQueueHandler as LambdaSqsHandler,
} from "@skyport/aws-lambda";
import type { Env } from "@skyport/core";
import app from "../../src/app.js";
import awsWiring, { type LogOptions } from "../../src/aws.js";

/** A function of the order app as its Lambda bundle builds it (skyport build): the wiring for that function alone. */
function awsFunction(name: keyof typeof app.functions, env: Env, logs?: LogOptions) {
  const queues = app.functions[name].publishes.length > 0 ? { queue: sqsQueues(env) } : {};
  return lambdaHandler(app, name, awsWiring(env, { served: [name], ...queues }, logs));
}

export const awsHttpFunction = (env: Env, logs?: LogOptions) => awsFunction("api", env, logs) as LambdaHttpHandler;
export const awsQueueFunction = (env: Env, logs?: LogOptions) => awsFunction("confirm", env, logs) as LambdaSqsHandler;
export const awsOutboxFunction = (env: Env, logs?: LogOptions) => awsFunction("outbox", env, logs) as LambdaChangesHandler;
export const awsCleanupFunction = (env: Env, logs?: LogOptions) => awsFunction("cleanup", env, logs) as LambdaScheduleHandler;
