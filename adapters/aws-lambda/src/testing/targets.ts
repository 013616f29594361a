import type { APIGatewayProxyResult, APIGatewayProxyStructuredResultV2, SQSBatchResponse, SQSEvent } from "aws-lambda";
import type { ContractMessage, ContractRequest, ContractResponse, DeliveryOutcome } from "@skyport/core/testing";
import type { LambdaHttpEvent } from "../http/handler.js";
import { lambdaContext } from "./lambda-context.js";
import { sqsEvent } from "./sqs-events.js";

type HttpResult = APIGatewayProxyResult | APIGatewayProxyStructuredResultV2;

/** What the client receives from API Gateway for a Lambda result: base64 decoded, cookies as Set-Cookie. */
export function clientResponse(result: HttpResult): ContractResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const cookies = "cookies" in result ? result.cookies : undefined;
  if (cookies?.length) headers["set-cookie"] = cookies.join(", ");
  const body = result.body ?? "";
  return { status: result.statusCode ?? 200, headers, body: result.isBase64Encoded ? Buffer.from(body, "base64").toString("utf8") : body };
}

/** Sends contract requests as events of one payload format through a Lambda HTTP handler. */
export function sendThroughLambda<E extends LambdaHttpEvent>(
  handler: (event: E, lambda: ReturnType<typeof lambdaContext>) => Promise<HttpResult>,
  eventOf: (request: ContractRequest) => E,
) {
  return async (request: ContractRequest): Promise<ContractResponse> => clientResponse(await handler(eventOf(request), lambdaContext()));
}

/**
 * Delivers contract messages as one SQS batch. SQS deletes what the handler did not report and
 * redelivers what it did (a poison message until maxReceiveCount, then to the dead-letter queue).
 */
export function deliverThroughSqs(handler: (event: SQSEvent, lambda: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse | undefined>) {
  return async (messages: ContractMessage[]): Promise<Record<string, DeliveryOutcome>> => {
    const response = await handler(sqsEvent(messages), lambdaContext({ functionName: "skyport-orders-queue" }));
    const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    return Object.fromEntries(messages.map((m) => [m.id, failed.has(m.id) ? "retry" : "done"]));
  };
}
