import type { InvocationContext } from "@azure/functions";
import type { StreamDeadLetter, StreamRecord } from "@skyport/core";

/**
 * The trigger metadata of an Event Hubs batch (cardinality many), one array entry per event, as
 * the Functions host documents it: the partition's context, each event's partition key (null when
 * the sender set none), sequence number and offset in the partition, and enqueued time. The host
 * names them in PascalCase; @azure/functions hands them to the function camel-cased, nested keys too.
 */
export interface EventHubBatchMetadata {
  partitionContext?: { consumerGroup?: string; eventHubName?: string; partitionId?: string; fullyQualifiedNamespace?: string };
  partitionKeyArray?: (string | null)[];
  sequenceNumberArray?: (number | string)[];
  offsetArray?: (string | number)[];
  enqueuedTimeUtcArray?: string[];
  propertiesArray?: Record<string, unknown>[];
}

/**
 * The batch as stream records, in partition order: the partition key as the key (events sent
 * without one share the partition as their key, which keeps their order), `<partition>:<sequence
 * number>` as the position. The host gives JSON bodies parsed: they are turned back into JSON text.
 */
export function fromEventHubBatch(messages: unknown, invocation: InvocationContext): StreamRecord[] {
  const events = Array.isArray(messages) ? messages : [messages];
  const metadata = (invocation.triggerMetadata ?? {}) as EventHubBatchMetadata;
  const partition = metadata.partitionContext?.partitionId ?? "0";
  return events.map((body, i) => {
    const sequence = metadata.sequenceNumberArray?.[i] ?? metadata.offsetArray?.[i] ?? i;
    const traceparent = metadata.propertiesArray?.[i]?.traceparent;
    return {
      key: metadata.partitionKeyArray?.[i] ?? `partition:${partition}`,
      position: `${partition}:${sequence}`,
      data: textOf(body),
      attempt: 1,
      ...(typeof traceparent === "string" && { attributes: { traceparent } }),
    };
  });
}

function textOf(body: unknown): string {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString("utf8");
  return JSON.stringify(body);
}

/** A record the function gave up on, as one dead-letter queue message (JSON, like the Storage queues' other messages). */
export function toDeadLetterMessage(stream: string, { record, reason }: StreamDeadLetter): string {
  return JSON.stringify({
    stream,
    partitionKey: record.key,
    position: record.position,
    data: record.data,
    reason,
    attempts: record.attempt,
    at: new Date().toISOString(),
  });
}
