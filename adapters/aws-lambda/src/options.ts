import type { Logger, Metrics, ObjectStores } from "@skyport/core";

export interface AdapterOptions {
  /** The instance's logger; each invocation logs through a child that names its request id. */
  logger: Logger;
  /** The instance's metric emitter (CloudWatch EMF): every invocation's Context carries it. */
  metrics?: Metrics;
  /** S3 as the object store, given only to a bundle with an object function (`s3Objects`), so no other loads its SDK. */
  objects?: ObjectStores;
}
