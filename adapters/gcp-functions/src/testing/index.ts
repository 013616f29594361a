export { startPubSubEmulator, type PubSubEmulator } from "./emulator.js";
export { pubsubPushEvent, pushRequest, pushFixtures, type PushCloudEvent, type PushEventOptions, type ContentMode } from "./push-events.js";
export { pushDelivery, schedulerHeaders } from "./push-delivery.js";
export { serveFunction, type FunctionServer } from "./loopback-server.js";
export { startGcsStandIn, type GcsStandIn } from "./gcs-stand-in.js";
export { secretManagerStandIn, type SecretManagerStandIn } from "./secret-manager-stand-in.js";
export { startFrameworkProcess, FUNCTIONS_FRAMEWORK_MAIN, type FrameworkProcess } from "./framework-process.js";
