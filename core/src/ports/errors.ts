/** A cursor that is not one the query handed out (garbled, changed, or another query's). */
export class InvalidCursor extends Error {
  constructor(reason = "cursor is not valid") {
    super(reason);
    this.name = "InvalidCursor";
  }
}

/** A document's key as an error names it. */
export type ErrorKey = Readonly<Record<string, string>>;

/** A write whose condition did not hold: the stored version differs, or the document is absent. */
export class VersionConflict extends Error {
  /** In a transaction, the index of the operation whose condition failed. */
  readonly operation?: number;
  readonly key: ErrorKey;
  constructor(key: ErrorKey | string, operation?: number) {
    const named = typeof key === "string" ? { id: key } : key;
    super(`document ${JSON.stringify(named)} changed or vanished since it was read${operation === undefined ? "" : ` (operation ${operation})`}`);
    this.name = "VersionConflict";
    this.key = named;
    if (operation !== undefined) this.operation = operation;
  }
}

/** A create whose key is taken by a live document. */
export class DocumentExists extends Error {
  /** In a transaction, the index of the create that failed. */
  readonly operation?: number;
  constructor(
    readonly key: ErrorKey,
    operation?: number,
  ) {
    super(`document ${JSON.stringify(key)} already exists${operation === undefined ? "" : ` (operation ${operation})`}`);
    this.name = "DocumentExists";
    if (operation !== undefined) this.operation = operation;
  }
}

/** A document over the portable size limit (`MAX_DOCUMENT_BYTES` of UTF-8 JSON); nothing was written. */
export class DocumentTooLarge extends Error {
  constructor(
    readonly key: ErrorKey | undefined,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`document${key ? ` ${JSON.stringify(key)}` : ""} is ${bytes} bytes of JSON, over the limit of ${limit}`);
    this.name = "DocumentTooLarge";
  }
}

/** A document or key no store could hold as given (a missing or non-string key field, a bad expiry); nothing was written. */
export class InvalidDocument extends Error {
  constructor(
    reason: string,
    readonly key?: ErrorKey,
  ) {
    super(reason);
    this.name = "InvalidDocument";
  }
}

/** A query, transaction or batch the port does not allow (an undeclared index, two partitions, too many operations). */
export class InvalidQuery extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "InvalidQuery";
  }
}

/** The backend could not be reached or refused for now (throttling, network, outage). */
export class StoreUnavailable extends Error {
  constructor(cause?: unknown) {
    super("store unavailable", { cause });
    this.name = "StoreUnavailable";
  }
}

/** `complete` found no record to complete: it was released, or expired and taken over meanwhile. */
export class IdempotencyRecordMissing extends Error {
  constructor() {
    super("no idempotency record to complete");
    this.name = "IdempotencyRecordMissing";
  }
}
