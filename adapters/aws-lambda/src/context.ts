import type { Context as LambdaContext } from "aws-lambda";
import type { Context } from "@skyport/core";
import type { AdapterOptions } from "./options.js";

/** Lambda's context -> the neutral Context: the invocation id, and the deadline Lambda enforces. */
export function toContext(lambda: LambdaContext, options: AdapterOptions, extra: Pick<Context, "traceparent" | "principal"> = {}): Context {
  return {
    requestId: lambda.awsRequestId,
    cloud: "aws",
    deadline: Date.now() + lambda.getRemainingTimeInMillis(),
    logger: options.logger.child({ awsRequestId: lambda.awsRequestId }),
    metrics: options.metrics,
    // Always both keys (undefined when absent, as core's own Contexts): one shape for every invocation.
    traceparent: extra.traceparent,
    principal: extra.principal,
  };
}
