import type { Logger } from "@skyport/core";

export interface AdapterOptions {
  /** The instance's logger; each invocation logs through a child that names its request id. */
  logger: Logger;
}
