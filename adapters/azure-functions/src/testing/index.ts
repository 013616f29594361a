export { startAzuriteQueue, startAzuriteBlob, type AzuriteQueue, type AzuriteBlob } from "./emulator.js";
export { hostInvocationContext, hostTraceparent, type HostInvocation, type InvocationLog } from "./host-context.js";
export { hostHttpRequest, APP_ORIGIN } from "./host-http.js";
export { hostQueueDelivery, receivedMessage, listenOnce, type HostQueueDelivery, type ListenerOutcome, type QueueListenerOptions } from "./host-queue.js";
export { hostTimer } from "./host-timer.js";
export { azureHttpTarget, azureQueueTarget } from "./contract-targets.js";
export { installWorkerCore, type WorkerCore, type RegisteredFunction, type RpcInvocation, type RpcTypedData, type RpcBinding } from "./worker-core.js";
export { hostEventHubBatch, type SentEvent } from "./host-event-hub.js";
export { blobCreatedEvent } from "./blob-created.js";
