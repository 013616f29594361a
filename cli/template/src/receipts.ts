import { createHmac } from "node:crypto";
import { PoisonMessage, secret, type MessageConsumer } from "@skyport/core";
import type { Services } from "./services.js";

/** The key receipts are signed with: in the cloud's secret store, read by work, the one function that lists it (and is granted it). */
export const receiptKey = secret("receipt-signing-key");

/** `receipt.requested` with a `jobId`: the job's receipt signed with the receipt key (HMAC-SHA256) and logged; the key never is. */
export function signReceipt(services: Services): MessageConsumer {
  return async (event, context) => {
    if (typeof event.jobId !== "string" || event.jobId === "") throw new PoisonMessage("receipt.requested without a jobId");
    const key = await services.secrets.get(receiptKey.name);
    context.logger.info("receipt signed", { jobId: event.jobId, signature: createHmac("sha256", key).update(event.jobId).digest("hex") });
  };
}
