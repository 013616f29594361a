import type { Logger, Metrics, ObjectStores } from "@skyport/core";
import type { StreamDeadLetters } from "./stream/dead-letters.js";

/** What every Lambda handler is given at start: the instance's logger and metrics, the object store, where stream dead letters go. */
export interface AdapterOptions {
  /** The instance's logger; each invocation logs through a child that names its request id. */
  logger: Logger;
  /** The instance's metric emitter (CloudWatch EMF): every invocation's Context carries it. */
  metrics?: Metrics;
  /** S3 as the object store, given only to a bundle with an object function (`s3Objects`), so no other loads its SDK. */
  objects?: ObjectStores;
  /**
   * The SQS queue for a stream function's poison records, given only to a stream function's bundle
   * (`sqsStreamDeadLetters`), so no other loads the SQS client.
   */
  streamDeadLetters?: StreamDeadLetters;
}
