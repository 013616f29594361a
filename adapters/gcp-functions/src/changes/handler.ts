import type { CloudEventFunction } from "@google-cloud/functions-framework";
import { describeError, type Change, type ChangesHandler, type Lazy } from "@skyport/core";
import { toContext } from "../context.js";
import { MalformedChangeEvent, RedeliverChange } from "../errors.js";
import type { AdapterOptions } from "../options.js";
import { fromDocumentEvent } from "./document-event.js";

/**
 * A CloudEvent function for a Firestore trigger (one document change per event). A failure
 * throws, so the framework answers 500 and Eventarc delivers the change again (the trigger has
 * retries on) until the event's age limit, then to the dead-letter topic of its subscription.
 * The Firestore emulator does not retry a 500: there a failed change is logged and lost to the test.
 */
export function gcpChangesHandler(handler: Lazy<ChangesHandler>, options: AdapterOptions): CloudEventFunction<unknown> {
  return async (event) => {
    let change: Change;
    try {
      change = fromDocumentEvent(event);
    } catch (error) {
      if (!(error instanceof MalformedChangeEvent)) throw error;
      options.logger.error("change event refused: not a Firestore document event", { eventId: event?.id, type: event?.type, error: describeError(error) });
      throw error;
    }
    const context = toContext({ requestId: event.id, traceparent: typeof event.traceparent === "string" ? event.traceparent : undefined }, options);
    const { failed } = await (await handler())([change], context);
    if (failed.length > 0) throw new RedeliverChange(change.id);
  };
}
