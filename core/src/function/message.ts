/** One queue message, as SQS, Pub/Sub or Storage Queue delivered it. */
export interface Message {
  id: string;
  body: string;
  /** 1 on first delivery; the cloud's receive / delivery / dequeue count after that. */
  attempt: number;
  attributes?: Record<string, string>;
}

/** A message of the batch that failed: its id, and whether a retry can succeed. */
export interface MessageFailure {
  id: string;
  /** false for a poison message: retrying it can never succeed. */
  retryable: boolean;
}

/** Which messages of a batch failed; every other message is done. */
export interface BatchResult {
  failed: MessageFailure[];
}

/** A queue message's JSON body: a `type` and the fields that type defines. */
export interface QueueEvent {
  type: string;
  [field: string]: unknown;
}
