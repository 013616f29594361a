import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { isNetworkError, StoreUnavailable } from "@skyport/core";

/** DynamoDB's "slow down" answers, by error name (the SDK has already retried them). */
const THROTTLING = new Set(["ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded", "TooManyRequestsException"]);

interface SdkErrorShape {
  name?: unknown;
  $fault?: unknown;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number };
}

/** True when DynamoDB could not be reached or refused for now: throttling, network, timeout, 5xx. */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, $fault, $retryable, $metadata } = error as SdkErrorShape;
  const status = $metadata?.httpStatusCode;
  return (
    (typeof name === "string" && (THROTTLING.has(name) || name === "TimeoutError")) ||
    isNetworkError(error) ||
    $retryable?.throttling === true ||
    $fault === "server" ||
    (typeof status === "number" && status >= 500)
  );
}

export const isConditionFailed = (error: unknown): boolean => error instanceof ConditionalCheckFailedException;

/**
 * The error a store throws for a failed SDK call: `StoreUnavailable` (SDK error kept as `cause`,
 * for logs) when DynamoDB is unavailable; anything else unchanged, which core answers as a bare 500.
 */
export function storeError(error: unknown): unknown {
  return isUnavailable(error) ? new StoreUnavailable(error) : error;
}
