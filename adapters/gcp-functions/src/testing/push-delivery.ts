import type { ContractMessage, DeliveryOutcome } from "@skyport/core/testing";
import { pubsubPushEvent, pushRequest, type ContentMode } from "./push-events.js";

/** The log line the queue function writes for a message it acknowledges as poison. */
export const POISON_ACKNOWLEDGED = "poison message acknowledged, not retried";

/**
 * Delivers contract messages as Pub/Sub push does, one request per message: a 2xx acknowledges
 * it ("dropped" when the function logged it as poison), anything else leaves it for redelivery.
 * Poison lines are matched by body: core's logger redacts digit runs as long as ids' timestamps.
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
        const poison = logLines().slice(since).some((line) => line.message === POISON_ACKNOWLEDGED && line.messageId === id);
        outcomes[id] = !response.ok ? "retry" : poison ? "dropped" : "done";
      }),
    );
    return outcomes;
  };
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
