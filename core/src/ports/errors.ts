/** Thrown by stores; core maps each to its HTTP answer. */
export class OrderExists extends Error {
  constructor(readonly orderId: string) {
    super(`order ${orderId} already exists`);
    this.name = "OrderExists";
  }
}

export class VersionConflict extends Error {
  constructor(readonly orderId: string) {
    super(`order ${orderId} changed or vanished since it was read`);
    this.name = "VersionConflict";
  }
}

export class InvalidCursor extends Error {
  constructor(reason = "cursor is not valid") {
    super(reason);
    this.name = "InvalidCursor";
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
