/**
 * Thrown from the queue handler so that the Functions host leaves the message on the queue:
 * it comes back after the visibility timeout, and after maxDequeueCount attempts the host
 * moves it to `<queue>-poison`. The message says nothing about the cause (that is logged).
 */
export class MessageNotProcessed extends Error {
  constructor(
    readonly messageId: string,
    readonly retryable: boolean,
  ) {
    super(`queue message ${messageId} was not processed${retryable ? "" : " (poison: it can never succeed)"}`);
    this.name = "MessageNotProcessed";
  }
}
