import { randomUUID } from "node:crypto";
import type { Context as LambdaContext } from "aws-lambda";

/** The context object Lambda passes to a handler, with `remainingMs` left of its timeout. */
export function lambdaContext(options: { functionName?: string; remainingMs?: number } = {}): LambdaContext {
  const functionName = options.functionName ?? "skyport-orders-http";
  const deadline = Date.now() + (options.remainingMs ?? 30_000);
  const unsupported = () => {
    throw new Error("the callback-style context methods are not used by Skyport's async handlers");
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2026/11/26/[$LATEST]${randomUUID().replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
