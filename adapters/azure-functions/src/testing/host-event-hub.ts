import type { InvocationContext } from "@azure/functions";
import { hostInvocationContext, type InvocationLog } from "./host-context.js";

/** An event as a producer sent it: its partition key (or none) and its body as text. */
export interface SentEvent {
  partitionKey?: string;
  body: string;
}

/**
 * One Event Hubs batch (cardinality many) as a Node v4 function receives it from the host through
 * @azure/functions: the bodies (JSON ones parsed, others as text) and the documented trigger metadata,
 * camel-cased by the library (nested keys too), one array entry per event, sequence numbers counting
 * on from `firstSequence` in one partition.
 */
export function hostEventHubBatch(events: SentEvent[], options: { partitionId?: string; firstSequence?: number; logs?: InvocationLog[] } = {}) {
  const partitionId = options.partitionId ?? "0";
  const first = options.firstSequence ?? 0;
  const sequences = events.map((_, i) => first + i);
  const now = new Date().toISOString();
  const invocation: InvocationContext = hostInvocationContext({
    functionName: "ship",
    triggerType: "eventHubTrigger",
    logs: options.logs,
    triggerMetadata: {
      partitionContext: {
        consumerGroup: "ship",
        eventHubName: "shipments",
        fullyQualifiedNamespace: "skyport-orders.servicebus.windows.net",
        partitionId,
      },
      partitionKeyArray: events.map((event) => event.partitionKey ?? null),
      sequenceNumberArray: sequences,
      offsetArray: sequences.map((sequence) => String(sequence * 512)),
      enqueuedTimeUtcArray: events.map(() => now),
      propertiesArray: events.map(() => ({})),
      systemPropertiesArray: events.map((event, i) => ({ sequenceNumber: sequences[i], partitionKey: event.partitionKey ?? null, enqueuedTimeUtc: now })),
    },
  });
  const messages = events.map(({ body }) => {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  });
  return { messages, invocation, positions: sequences.map((sequence) => `${partitionId}:${sequence}`) };
}
