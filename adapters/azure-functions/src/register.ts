import { app, type HttpHandler, type HttpMethod, type StorageQueueHandler, type TimerHandler } from "@azure/functions";

/** Every method: core, not the host, answers 405 with `Allow` for a method a route lacks. */
const ALL_METHODS: HttpMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export interface AzureHandlers {
  http: HttpHandler;
  queue: StorageQueueHandler;
  cleanup: TimerHandler;
}

export interface Registration {
  /** Queue to consume; a `%SETTING%` expression is resolved by the host from app settings. */
  queueName: string;
  /** Prefix of the app settings that say how to reach the queue (identity-based: `__queueServiceUri`). */
  queueConnection: string;
  /** NCRONTAB, six fields, UTC unless WEBSITE_TIME_ZONE says otherwise. */
  cleanupSchedule: string;
}

export const DEFAULT_REGISTRATION: Registration = {
  queueName: "%SKYPORT_QUEUE_NAME%",
  queueConnection: "AzureWebJobsStorage",
  cleanupSchedule: "0 0 * * * *",
};

/**
 * Registers the order service's three functions with the host. The HTTP function catches every
 * path (`{*path}`; host.json sets routePrefix to "") so that core owns the whole route table.
 * Outside the host, @azure/functions only warns and registers nothing.
 */
export function registerAzureFunctions(handlers: AzureHandlers, registration: Registration = DEFAULT_REGISTRATION): void {
  app.http("orders-http", { route: "{*path}", methods: ALL_METHODS, authLevel: "anonymous", handler: handlers.http });
  app.storageQueue("orders-queue", {
    queueName: registration.queueName,
    connection: registration.queueConnection,
    handler: handlers.queue,
  });
  app.timer("orders-cleanup", { schedule: registration.cleanupSchedule, handler: handlers.cleanup });
}
