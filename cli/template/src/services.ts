import { jsonLogger, readLogLevel, systemClock, type AppInstance, type Cloud, type Clock, type Env, type JsonLoggerOptions } from "@skyport/core";

/** What the handlers run on; add stores and clients here (built once per instance, on first use). */
export interface Services {
  greeting: string;
  clock: Clock;
}

/** The instance on one cloud: its log line shape, SKYPORT_LOG_LEVEL, and the services. */
export function instance(cloud: Cloud, env: Env, format?: JsonLoggerOptions["format"]): AppInstance<Services> {
  const logger = jsonLogger({ level: readLogLevel(env), format, fields: { cloud } });
  const services: Services = { greeting: env.GREETING ?? "Hello", clock: systemClock };
  return { logger, services: async () => services };
}
