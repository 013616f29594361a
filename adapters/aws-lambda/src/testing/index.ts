// Events as AWS delivers them, built from captured samples (./fixtures), for tests of this
// adapter and of apps that deploy with it. Kinesis's stand-in and client are @skyport/aws-lambda/testing/kinesis:
// their packages are optional peers, which a test of HTTP or queue events need not install.
export { httpApiEvent, functionUrlEvent, restApiEvent, xrayTraceHeader, type ClientRequest, type HttpApiOptions, type RestApiOptions } from "./http-events.js";
export { sqsEvent, type QueuedMessage } from "./sqs-events.js";
export { scheduledEvent } from "./scheduled-events.js";
export { lambdaContext } from "./lambda-context.js";
export { clientResponse, sendThroughLambda, deliverThroughSqs } from "./targets.js";
export { sqsStandIn, type SqsStandIn } from "./sqs-stand-in.js";
export { secretsManagerStandIn, type SecretsManagerStandIn } from "./secrets-manager-stand-in.js";
export { dynamoDbStreamEvent, type GetRecordsRecord } from "./dynamodb-stream-events.js";
