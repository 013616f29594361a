import type { Lazy, ObjectHandler } from "@skyport/core";
import type { Context as LambdaContext, S3Event } from "aws-lambda";
import { toContext } from "../context.js";
import { UnsupportedEvent } from "../errors.js";
import type { AdapterOptions } from "../options.js";
import { fromXRayHeader, invocationTraceHeader } from "../trace.js";
import { createdObjects, isS3Event } from "./s3-event.js";

/** A Lambda handler of S3 ObjectCreated notifications. */
export type LambdaObjectHandler = (event: S3Event, lambda: LambdaContext) => Promise<void>;

/**
 * An S3 ObjectCreated notification -> the neutral object handler, once per object. A failure
 * (the store, the deadline) fails the invocation: Lambda retries the asynchronous event twice,
 * then sends it to the function's on-failure destination, which an alarm watches.
 */
export function lambdaObjectHandler(handler: Lazy<ObjectHandler>, options: AdapterOptions): LambdaObjectHandler {
  const { objects } = options;
  if (!objects) throw new Error("an object function needs the bucket's object store: give lambdaHandler s3Objects(env)");
  return async (event, lambda) => {
    if (!isS3Event(event)) throw new UnsupportedEvent("object");
    const header = invocationTraceHeader();
    const context = toContext(lambda, options, { traceparent: header === undefined ? undefined : fromXRayHeader(header) });
    for (const object of createdObjects(event)) await (await handler())(object, objects(object.bucket), context);
  };
}
