import { jsonLogger, readLogLevel, systemClock, type AppInstance, type Cloud, type Clock, type Env, type JsonLoggerOptions, type Metrics } from "@skyport/core";

/** What the handlers run on; add stores and clients here (built once per instance, on first use). */
export interface Services {
  greeting: string;
  clock: Clock;
}

/** The instance on one cloud: its log line shape, SKYPORT_LOG_LEVEL, its metric emitter (Azure's adapter makes its own), and the services. */
export function instance(cloud: Cloud, env: Env, format?: JsonLoggerOptions["format"], metrics?: Metrics): AppInstance<Services> {
  const logger = jsonLogger({ level: readLogLevel(env), format, fields: { cloud } });
  const services: Services = { greeting: env.GREETING ?? "Hello", clock: systemClock };
  return { logger, metrics, services: async () => services };
}
