import type { CloudEventFunction } from "@google-cloud/functions-framework";
import { describeError, type Lazy, type ObjectHandler } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { gcsObjects } from "./object-store.js";
import { fromStorageEvent } from "./storage-event.js";

/**
 * A CloudEvent function for an Eventarc Cloud Storage trigger (object.v1.finalized). A failure
 * throws, so the framework answers 500 and Eventarc delivers the event again (retries on, within
 * the event's age limit), then to the trigger subscription's dead-letter topic.
 */
export function gcpObjectHandler(handler: Lazy<ObjectHandler>, options: AdapterOptions): CloudEventFunction<unknown> {
  const objects = options.objects ?? gcsObjects();
  return async (event) => {
    let object: ReturnType<typeof fromStorageEvent>;
    try {
      object = fromStorageEvent(event);
    } catch (error) {
      options.logger.error("object event refused", { eventId: event?.id, type: event?.type, error: describeError(error) });
      throw error;
    }
    const context = toContext({ requestId: event.id, traceparent: typeof event.traceparent === "string" ? event.traceparent : undefined }, options);
    await (await handler())(object, objects(object.bucket), context);
  };
}
