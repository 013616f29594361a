import type { QueueEvent } from "../function/message.js";

/** Sends events to one queue or topic (SQS, Pub/Sub, a Storage queue, or the local server's own). */
export interface EventPublisher {
  /** `traceparent` travels with the event, so that its consumer joins the trace. */
  publish(event: QueueEvent, traceparent?: string): Promise<void>;
}
