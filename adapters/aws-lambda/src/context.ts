import type { Context as LambdaContext } from "aws-lambda";
import type { Context, Logger } from "@skyport/core";

/** Lambda's context -> the neutral Context: the invocation id, and the deadline Lambda enforces. */
export function toContext(lambda: LambdaContext, logger: Logger, extra: Pick<Context, "traceparent" | "principal"> = {}): Context {
  return {
    requestId: lambda.awsRequestId,
    cloud: "aws",
    deadline: Date.now() + lambda.getRemainingTimeInMillis(),
    logger: logger.child({ awsRequestId: lambda.awsRequestId }),
    // Always both keys (undefined when absent, as core's own Contexts): one shape for every invocation.
    traceparent: extra.traceparent,
    principal: extra.principal,
  };
}

