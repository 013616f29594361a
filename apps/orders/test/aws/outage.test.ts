import { deliverThroughSqs, httpApiEvent, sendThroughLambda } from "@skyport/aws-lambda/testing";
import { switchableProxy } from "@skyport/core/testing";
import { outageContract } from "@skyport/core/orders/testing";
import { dynamoDbLocalEnv } from "@skyport/dynamodb/testing";
import { inject } from "vitest";
import { awsHttpFunction } from "./functions.js";
import { awsQueueFunction } from "./functions.js";
import { sqsRelay } from "./sqs-relay.js";

const quiet = { logWrite: () => {} };

outageContract("AWS Lambda handlers, DynamoDB Local behind a proxy that goes away", async () => {
  const proxy = await switchableProxy(Number(new URL(inject("dynamoDbEndpoint")).port));
  const relay = await sqsRelay();
  const env = { ...dynamoDbLocalEnv(`http://127.0.0.1:${proxy.port}`, inject("awsTables").orders), ...relay.env };
  // The SDK reads its endpoint from the process environment when the service is first built.
  Object.assign(process.env, env);
  const queue = awsQueueFunction(env, quiet);
  return {
    send: sendThroughLambda(awsHttpFunction(env, quiet), (request) => httpApiEvent(request)),
    deliver: deliverThroughSqs(queue),
    settle: () => relay.settle(queue),
    storeDown: () => proxy.down(),
    storeUp: () => proxy.up(),
    close: async () => {
      await relay.close();
      await proxy.close();
    },
  };
});
