import type { ContractMessage, DeliveryOutcome } from "@skyport/core/testing";
import { pubsubPushEvent, pushRequest, type ContentMode } from "./push-events.js";

/**
 * Delivers contract messages as Pub/Sub push does, one request per message: a 2xx acknowledges
 * it, anything else leaves it for redelivery (and, after the subscription's maximum delivery
 * attempts, for its dead-letter topic).
 * Lines are matched by message id, and awaited: a function in another process logs through a pipe
 * that may deliver its last line after the response.
 */
export function pushDelivery(url: string, mode: ContentMode, logLines: () => Record<string, unknown>[]) {
  return async (messages: ContractMessage[]): Promise<Record<string, DeliveryOutcome>> => {
    const since = logLines().length;
    const outcomes: Record<string, DeliveryOutcome> = {};
    await Promise.all(
      messages.map(async ({ id, body, attempt }) => {
        const { headers, body: payload } = pushRequest(pubsubPushEvent({ data: body, messageId: id, deliveryAttempt: attempt }), mode);
        const response = await fetch(url, { method: "POST", headers, body: payload });
        await response.arrayBuffer();
        if (!response.ok) {
          outcomes[id] = "retry";
          return;
        }
        await lastLineFor(id, since, logLines); // a function in another process may log after answering
        outcomes[id] = "done";
      }),
    );
    return outcomes;
  };
}

/** The lines that end a message's handling: confirmed, or nothing to do. */
const LAST_LINES = new Set(["order confirmed", "order already past pending"]);

async function lastLineFor(id: string, since: number, logLines: () => Record<string, unknown>[]) {
  for (const waitUntil = Date.now() + 2000; ; ) {
    const line = logLines()
      .slice(since)
      .find((l) => l.messageId === id && LAST_LINES.has(l.message as string));
    if (line || Date.now() > waitUntil) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What a Cloud Scheduler HTTP job sends besides its OIDC token (which Cloud Run checks before the function runs). */
export function schedulerHeaders(scheduledAt = new Date(), job = "skyport-orders-cleanup"): Record<string, string> {
  return {
    "x-cloudscheduler": "true",
    "x-cloudscheduler-jobname": job,
    "x-cloudscheduler-scheduletime": scheduledAt.toISOString(),
    "user-agent": "Google-Cloud-Scheduler",
  };
}
