import { app, output, type FunctionHandler, type HttpMethod } from "@azure/functions";
import {
  functionsOf,
  lazyHandler,
  streamVariable,
  topicVariable,
  type App,
  type AppFunction,
  type AppInstance,
  type Env,
  type HandlerOf,
  type Lazy,
  type TriggerKind,
  type Wiring,
} from "@skyport/core";
import { azureChangesHandler } from "./changes/handler.js";
import { azureHttpHandler } from "./http/handler.js";
import { azureObjectHandler } from "./object/handler.js";
import { readAdapterOptions, type HostJson, type RegistrationOptions } from "./options.js";
import { azureQueueHandler } from "./queue/handler.js";
import { storageQueues } from "./queue/publisher.js";
import { ncrontabSchedule } from "./schedule/expression.js";
import { keyVaultSecrets } from "./secrets.js";
import { azureScheduleHandler } from "./schedule/handler.js";
import { azureStreamHandler } from "./stream/handler.js";

/** Every method: the app's router, not the host, answers 405 with `Allow` for a method a route lacks. */
const ALL_METHODS: HttpMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

type Register = (name: string, handler: Lazy<unknown>, fn: AppFunction<unknown, TriggerKind>, options: RegistrationOptions) => FunctionHandler;

/** Each trigger kind's host binding: a new kind adds one line here and one folder named after it. */
const KINDS: { [K in TriggerKind]: (name: string, handler: Lazy<HandlerOf<K>>, fn: AppFunction<unknown, K>, options: RegistrationOptions) => FunctionHandler } =
  {
    // `{*path}` (host.json sets routePrefix to "") so that the app's router owns every path.
    http(name, handler, _fn, options) {
      const http = azureHttpHandler(handler, options);
      app.http(name, { route: "{*path}", methods: ALL_METHODS, authLevel: "anonymous", handler: http });
      return http;
    },
    // The topic's Storage queue is named by its app setting, as its publishers read it; the host
    // moves a message to `<queue>-poison` after maxDequeueCount.
    queue(name, handler, fn, options) {
      const queue = azureQueueHandler(handler, options);
      app.storageQueue(name, {
        queueName: `%${topicVariable(fn.trigger.topic)}%`,
        connection: options.queueConnection ?? "AzureWebJobsStorage",
        handler: queue,
      });
      return queue;
    },
    schedule(name, handler, fn, options) {
      const timer = azureScheduleHandler(handler, options);
      app.timer(name, { schedule: ncrontabSchedule(fn.trigger.schedule), handler: timer });
      return timer;
    },
    // The stream's event hub is named by its app setting (SKYPORT_STREAM_<NAME>), read through SKYPORT_EVENTHUBS (by identity), in
    // a consumer group named after the function; the host checkpoints whatever the outcome, so what still fails goes to `<stream>-stream-poison`.
    stream(name, handler, fn, options) {
      const deadLetters = output.storageQueue({
        queueName: `${fn.trigger.stream}-stream-poison`,
        connection: options.queueConnection ?? "AzureWebJobsStorage",
      });
      const stream = azureStreamHandler(handler, options, { stream: fn.trigger.stream, deadLetters });
      app.eventHub(name, {
        connection: "SKYPORT_EVENTHUBS",
        eventHubName: `%${streamVariable(fn.trigger.stream)}%`,
        consumerGroup: name,
        cardinality: "many",
        extraOutputs: [deadLetters],
        handler: stream,
      });
      return stream as FunctionHandler;
    },
    // The container's change feed (its account in the SKYPORT_COSMOS__accountEndpoint setting, by
    // identity); the trigger keeps its checkpoints in the `leases` container.
    changes(name, handler, fn, options) {
      const { collection } = fn.trigger;
      const deadLetters = output.storageQueue({ queueName: `${collection}-changes-poison`, connection: options.queueConnection ?? "AzureWebJobsStorage" });
      const changes = azureChangesHandler(handler, options, { collection, deadLetters });
      app.cosmosDB(name, {
        connection: "SKYPORT_COSMOS",
        databaseName: "%SKYPORT_COSMOS_DATABASE%",
        containerName: collection,
        leaseContainerName: "leases",
        createLeaseContainerIfNotExists: false,
        extraOutputs: [deadLetters],
        handler: changes,
      });
      return changes as FunctionHandler;
    },
    // The storage account's BlobCreated events, by the Event Grid subscription the template makes
    // (filtered to the container and prefix); the function streams the blob itself.
    object(name, handler, _fn, options) {
      const object = azureObjectHandler(handler, options);
      app.eventGrid(name, { handler: object });
      return object as FunctionHandler;
    },
  };

/**
 * Registers every function of the app with the Functions host under its declared name, and
 * returns the handlers by name (outside the host, @azure/functions only warns and registers nothing).
 */
export function registerAzureFunctions<S>(declared: App<S>, instance: AppInstance<S>, options: RegistrationOptions): Record<string, FunctionHandler> {
  const handlers: Record<string, FunctionHandler> = {};
  for (const [name, fn] of functionsOf(declared)) {
    const register = KINDS[fn.trigger.kind] as Register;
    handlers[name] = register(name, lazyHandler(fn as AppFunction<S, TriggerKind>, instance), fn as AppFunction<unknown, TriggerKind>, options);
  }
  return handlers;
}

/**
 * A Functions app's entry: the wiring built from the app settings as the worker loads the app
 * (a bad value fails the load, naming the variable), every function registered by name.
 */
export function registerAzureApp<S>(declared: App<S>, wiring: Wiring<S>, host: HostJson, env: Env = { ...process.env }): Record<string, FunctionHandler> {
  // Key Vault (SKYPORT_KEY_VAULT_URL, read now) only for an app whose functions read secrets; its SDK is a chunk loaded at the first read.
  const readsSecrets = functionsOf(declared).some(([, fn]) => (fn.secrets ?? []).length > 0);
  const instance = wiring(env, { served: Object.keys(declared.functions), queue: storageQueues(env), ...(readsSecrets && { secrets: keyVaultSecrets(env) }) });
  return registerAzureFunctions(declared, instance, readAdapterOptions(host, env));
}
