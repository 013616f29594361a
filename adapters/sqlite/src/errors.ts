/** The file was written by a newer version of this package; opening it could corrupt it. */
export class SchemaTooNew extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`database schema version ${found} is newer than the supported ${supported}`);
    this.name = "SchemaTooNew";
  }
}

/** `complete` found no record to complete: it was released, or expired and purged. */
export class IdempotencyRecordMissing extends Error {
  constructor() {
    super("no idempotency record to complete");
    this.name = "IdempotencyRecordMissing";
  }
}
