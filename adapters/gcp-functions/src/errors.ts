/** Thrown by the Pub/Sub function so that the framework answers 500 and Pub/Sub redelivers the message. */
export class RedeliverMessage extends Error {
  constructor(
    readonly messageId: string,
    readonly attempt: number,
  ) {
    super(`message ${messageId} failed on attempt ${attempt}; Pub/Sub will deliver it again`);
    this.name = "RedeliverMessage";
  }
}

/** A CloudEvent that is not a Pub/Sub messagePublished event this function can read. */
export class MalformedPushEvent extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "MalformedPushEvent";
  }
}

/** A CloudEvent that is not a Firestore document event this function can read. */
export class MalformedChangeEvent extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "MalformedChangeEvent";
  }
}

/** Thrown by the changes function so that the framework answers 500 and Eventarc delivers the change again. */
export class RedeliverChange extends Error {
  constructor(readonly changeId: string) {
    super(`change ${changeId} failed; Eventarc will deliver it again`);
    this.name = "RedeliverChange";
  }
}
