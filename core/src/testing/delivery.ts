/** A queue message as a contract delivers it to a queue consumer: its id, body and attempt. */
export interface ContractMessage {
  id: string;
  body: string;
  /** The delivery attempt, 1 for the first. */
  attempt?: number;
}

/**
 * What the cloud makes of each message after the handler ran: done (deleted / acked), retry
 * (left for redelivery, which the queue's redrive or dead-letter policy bounds: after its last
 * attempt the message moves to the dead-letter destination), or dead-lettered (moved there now).
 * Never dropped: a poison message ends where a person is alerted to it.
 */
export type DeliveryOutcome = "done" | "retry" | "dead-lettered";
