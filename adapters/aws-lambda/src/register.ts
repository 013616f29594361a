import { functionOf, lazyHandler, type App, type AppFunction, type AppInstance, type HandlerOf, type Lazy, type TriggerKind } from "@skyport/core";
import type { ObjectStores } from "@skyport/core";
import type { Context as LambdaContext, DynamoDBStreamEvent, KinesisStreamEvent, S3Event, SQSEvent, ScheduledEvent } from "aws-lambda";
import { lambdaChangesHandler } from "./changes/handler.js";
import { lambdaHttpHandler, type LambdaHttpEvent } from "./http/handler.js";
import { lambdaObjectHandler } from "./object/handler.js";
import type { AdapterOptions } from "./options.js";
import { lambdaScheduleHandler } from "./schedule/handler.js";
import { lambdaQueueHandler } from "./queue/handler.js";
import type { StreamDeadLetters } from "./stream/dead-letters.js";
import { lambdaStreamHandler } from "./stream/handler.js";

/** A Lambda handler: an event of the function's trigger in (any other is refused), the cloud's answer out. */
export type LambdaHandler = (
  event: LambdaHttpEvent | SQSEvent | ScheduledEvent | DynamoDBStreamEvent | S3Event | KinesisStreamEvent,
  lambda: LambdaContext,
) => Promise<unknown>;

/** Each trigger kind's Lambda event source: a new kind adds one line here and one folder named after it. */
const KINDS: { [K in TriggerKind]: (handler: Lazy<HandlerOf<K>>, options: AdapterOptions) => LambdaHandler } = {
  http: (handler, options) => lambdaHttpHandler(handler, options) as LambdaHandler,
  queue: (handler, options) => lambdaQueueHandler(handler, options) as LambdaHandler,
  schedule: (handler, options) => lambdaScheduleHandler(handler, options) as LambdaHandler,
  stream: (handler, options) => lambdaStreamHandler(handler, options) as LambdaHandler,
  changes: (handler, options) => lambdaChangesHandler(handler, options) as LambdaHandler,
  object: (handler, options) => lambdaObjectHandler(handler, options) as LambdaHandler,
};

/**
 * The Lambda handler of one function of an app (its bundle exports it as `handler`); the
 * instance's services are built on the first invocation. An object function's bundle gives it
 * S3 (`s3Objects`); no other bundle carries the S3 client. A stream function's bundle gives it its SQS
 * dead-letter queue (`sqsStreamDeadLetters`) the same way.
 */
export function lambdaHandler<S>(
  app: App<S>,
  name: string,
  instance: AppInstance<S>,
  objects?: ObjectStores,
  streamDeadLetters?: StreamDeadLetters,
): LambdaHandler {
  const { kind } = functionOf(app, name).trigger;
  const source = KINDS[kind] as (handler: Lazy<HandlerOf<TriggerKind>>, options: AdapterOptions) => LambdaHandler;
  return lambdaHandlerOf(kind, source)(app, name, instance, objects, streamDeadLetters);
}

/**
 * `lambdaHandler` for functions of one kind, given that kind's event source (`lambdaQueueHandler`,
 * ...) in place of the table of all kinds: a Lambda bundle (`skyport build`) then carries its own
 * function's event translation and not the other kinds'. A function of another kind is refused.
 */
export function lambdaHandlerOf<K extends TriggerKind>(kind: K, source: (handler: Lazy<HandlerOf<K>>, options: AdapterOptions) => unknown) {
  return <S>(app: App<S>, name: string, instance: AppInstance<S>, objects?: ObjectStores, streamDeadLetters?: StreamDeadLetters): LambdaHandler => {
    const fn = functionOf(app, name) as AppFunction<S, TriggerKind>;
    if (fn.trigger.kind !== kind) throw new Error(`function ${name} is a ${fn.trigger.kind} function; this handler serves ${kind} functions`);
    const options = { logger: instance.logger, metrics: instance.metrics, objects, streamDeadLetters };
    return source(lazyHandler(fn as AppFunction<S, K>, instance), options) as LambdaHandler;
  };
}
