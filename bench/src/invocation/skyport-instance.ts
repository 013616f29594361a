import { cloudWatchFormat, cloudWatchMetrics } from "@skyport/aws-lambda";
import { cloudLoggingFormat, cloudLoggingMetrics } from "@skyport/gcp-functions";
import { functionOf, lazyHandler, type AppFunction, type Cloud, type EventPublisher, type LogLevel } from "@skyport/core";
import app from "../../../apps/orders/src/app.js";
import { orderInstance, type EntryOptions } from "../../../apps/orders/src/container.js";
import { roundDocuments } from "./round-stores.js";

/** Counts order.created events: the same cheap publisher behind Skyport and the hand-written handlers. */
export class CountedEvents implements EventPublisher {
  published = 0;
  async publish(): Promise<void> {
    this.published++;
  }
}

/** Log lines are formatted as in production and then dropped (BENCH_LOGS=1 shows them on stderr, to debug). */
export const discard = process.env.BENCH_LOGS ? (line: string) => void process.stderr.write(`${line}\n`) : () => {};

/** Each cloud's metric emitter, as its wiring gives it (apps/orders/src/<cloud>.ts); Azure's adapter makes its own per invocation. */
const METRICS: Partial<Record<Cloud, EntryOptions["metrics"]>> = {
  aws: (write) => cloudWatchMetrics("orders", write),
  gcp: (write) => cloudLoggingMetrics("orders", write),
};
/** Each cloud's log line shape, as its wiring gives it; Azure's adapter logs through the invocation. */
const FORMATS: Partial<Record<Cloud, EntryOptions["logFormat"]>> = { aws: cloudWatchFormat(), gcp: cloudLoggingFormat("demo-skyport") };

/**
 * The order app's HTTP function composed the way the cloud wirings compose it (apps/orders/src/<cloud>.ts):
 * the composition root, SKYPORT_STORE=memory, built on the first invocation.
 */
export function skyportInstance(cloud: Cloud, logLevel: LogLevel) {
  const instance = orderInstance({
    cloud,
    env: { SKYPORT_STORE: "memory", SKYPORT_LOG_LEVEL: logLevel },
    served: ["api"],
    defaultStore: "memory",
    stores: { memory: roundDocuments },
    events: () => new CountedEvents(),
    logWrite: discard,
    logFormat: FORMATS[cloud],
    metrics: METRICS[cloud],
  });
  return { logger: instance.logger, metrics: instance.metrics, http: lazyHandler(functionOf(app, "api") as AppFunction<unknown, "http">, instance) };
}
