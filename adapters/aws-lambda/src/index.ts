// An app's functions as Lambda handlers, by name.
export { lambdaHandler, type LambdaHandler } from "./handlers.js";
export { eventBridgeSchedule } from "./schedule/eventbridge-schedule.js";

// Handlers: one per trigger kind, each a translation both ways.
export { lambdaHttpHandler, type LambdaHttpHandler, type LambdaHttpEvent } from "./http/http-handler.js";
export { lambdaSqsHandler, type LambdaSqsHandler } from "./sqs/sqs-handler.js";
export { lambdaScheduleHandler, type LambdaScheduleHandler } from "./schedule/schedule-handler.js";
export type { AdapterOptions } from "./options.js";

// The translations themselves, for callers that wire their own handlers.
export { apiGatewayV2ToRequest, toApiGatewayV2Result, isApiGatewayV2, type ApiGatewayV2Event } from "./http/api-gateway-v2.js";
export { apiGatewayV1ToRequest, toApiGatewayV1Result, isApiGatewayV1, type ApiGatewayV1Event } from "./http/api-gateway-v1.js";
export { sqsToMessages, sqsBatchResponse, isSqsEvent } from "./sqs/sqs-event.js";
export { scheduledEventToTick, isScheduledEvent } from "./schedule/scheduled-event.js";
export { toContext } from "./context.js";
export { cloudWatchFormat, METRIC_NAMESPACE } from "./logging.js";
export { traceparentOf, xrayToTraceparent } from "./trace.js";
export { UnsupportedEvent } from "./errors.js";

// The queue publisher.
export { readSqsConfig, type SqsConfig } from "./sqs/sqs-config.js";
export { SqsEventPublisher, sqsEventPublisher, sqsQueues, sqsSendMessage } from "./sqs/sqs-publisher.js";
