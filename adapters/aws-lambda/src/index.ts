// An app's functions as Lambda handlers, by name.
export { lambdaHandler, lambdaHandlerOf, type LambdaHandler } from "./register.js";
export type { AdapterOptions } from "./options.js";
export { toContext } from "./context.js";
export { traceparentOf, fromXRayHeader } from "./trace.js";
export { cloudWatchFormat } from "./logging.js";
export { cloudWatchMetrics, METRIC_NAMESPACE } from "./metrics.js";
export { UnsupportedEvent } from "./errors.js";

// HTTP: API Gateway (payload 1.0 and 2.0) and function URLs, translated both ways.
export { lambdaHttpHandler, type LambdaHttpHandler, type LambdaHttpEvent } from "./http/handler.js";
export { fromApiGatewayV2, toApiGatewayV2Result, isApiGatewayV2, type ApiGatewayV2Event } from "./http/api-gateway-v2.js";
export { fromApiGatewayV1, toApiGatewayV1Result, isApiGatewayV1, type ApiGatewayV1Event } from "./http/api-gateway-v1.js";

// Queue: SQS batches in, partial batch responses out; beside it, the SQS publisher.
export { lambdaQueueHandler, type LambdaQueueHandler } from "./queue/handler.js";
export { fromSqsEvent, toSqsBatchResponse, isSqsEvent } from "./queue/sqs-event.js";
export { SqsEventPublisher, sqsEventPublisher, sqsQueues, toSqsSendMessage } from "./queue/publisher.js";
export { readSqsConfig, type SqsConfig } from "./queue/publisher-config.js";

// Changes: DynamoDB Streams batches in (a table's committed writes), partial batch responses out.
export { lambdaChangesHandler, type LambdaChangesHandler } from "./changes/handler.js";
export { fromDynamoDbStreamEvent, toStreamBatchResponse, isDynamoDbStreamEvent } from "./changes/dynamodb-stream-event.js";

// Schedule: EventBridge scheduled events, and the declaration's schedule in EventBridge's syntax.
export { lambdaScheduleHandler, type LambdaScheduleHandler } from "./schedule/handler.js";
export { fromScheduledEvent, isScheduledEvent } from "./schedule/scheduled-event.js";
export { eventBridgeSchedule } from "./schedule/expression.js";

// Stream: Kinesis batches in, partial batch responses by sequence number out; poison records to an SQS dead-letter queue.
export { lambdaStreamHandler, type LambdaStreamHandler } from "./stream/handler.js";
export { fromKinesisStreamEvent, toKinesisBatchResponse, isKinesisStreamEvent } from "./stream/kinesis-event.js";
export { SqsStreamDeadLetters, sqsStreamDeadLetters, deadLetterBody, DEAD_LETTERS_VARIABLE, type StreamDeadLetters } from "./stream/dead-letters.js";

// Secrets: Secrets Manager as the secret source of a function that reads secrets.
export { secretsManagerSecrets } from "./secrets.js";

// Object: S3 ObjectCreated notifications in (keys decoded), S3 as the object store.
export { lambdaObjectHandler, type LambdaObjectHandler } from "./object/handler.js";
export { fromS3Record, createdObjects, isS3Event } from "./object/s3-event.js";
export { s3Objects } from "./object/object-store.js";
