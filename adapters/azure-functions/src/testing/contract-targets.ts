import { HttpResponse, type HttpHandler, type StorageQueueHandler } from "@azure/functions";
import type { ContractMessage, DeliveryOutcome, HttpTarget } from "@skyport/core/testing";
import { hostInvocationContext } from "./host-context.js";
import { hostHttpRequest } from "./host-http.js";
import { hostQueueDelivery, receivedMessage } from "./host-queue.js";

/**
 * A contract's requests through an app.http handler: each request built as the host builds it,
 * each answer read the way the worker reads it (an HttpResponse over the returned init). `extra`
 * joins the target: what a contract reads beside `send` (a store, `close`).
 */
export function azureHttpTarget<Extra extends object = object>(handler: HttpHandler, extra?: Extra): HttpTarget & Extra {
  return {
    ...(extra as Extra),
    async send(request: Parameters<HttpTarget["send"]>[0]) {
      const invocation = hostInvocationContext({ functionName: "orders-http", triggerType: "httpTrigger" });
      const result = await handler(hostHttpRequest(request), invocation);
      const response = result instanceof HttpResponse ? result : new HttpResponse(result);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { status: response.status, headers, body: await response.text() };
    },
  };
}

/**
 * Delivers contract messages through an app.storageQueue handler: one invocation per message, run
 * side by side as the host runs a received batch. A thrown handler leaves the message on the
 * queue for another attempt ("retry"); the host's poison move comes only after maxDequeueCount.
 */
export function deliverThroughStorageQueue(handler: StorageQueueHandler) {
  return async (messages: ContractMessage[]): Promise<Record<string, DeliveryOutcome>> => {
    const outcomes = await Promise.all(
      messages.map(async (message): Promise<[string, DeliveryOutcome]> => {
        const { queueItem, invocation } = hostQueueDelivery(receivedMessage(message.id, message.body, message.attempt ?? 1));
        try {
          await handler(queueItem, invocation);
          return [message.id, "done"];
        } catch {
          return [message.id, "retry"];
        }
      }),
    );
    return Object.fromEntries(outcomes);
  };
}
