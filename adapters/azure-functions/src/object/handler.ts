import type { EventGridEvent, EventGridHandler } from "@azure/functions";
import { describeError, type Lazy, type ObjectHandler, type ObjectStores } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { fromBlobCreated } from "./blob-created-event.js";
import { blobObjects } from "./object-store.js";

/**
 * app.eventGrid handler for the storage account's BlobCreated events. The function reads the
 * blob itself, as a stream (a blob trigger would hand it the whole blob in memory). A failure
 * throws: Event Grid delivers the event again within the subscription's retry policy, then to
 * its dead-letter container.
 */
export function azureObjectHandler(handler: Lazy<ObjectHandler>, options: AdapterOptions, objects: ObjectStores = blobObjects()): EventGridHandler {
  return async (event: EventGridEvent, invocation) => {
    const context = toContext(invocation, options);
    let object: ReturnType<typeof fromBlobCreated>;
    try {
      object = fromBlobCreated(event);
    } catch (error) {
      context.logger.error("object event refused", { eventId: event?.id, eventType: event?.eventType, error: describeError(error) });
      throw error;
    }
    await (await handler())(object, objects(object.bucket), context);
  };
}
