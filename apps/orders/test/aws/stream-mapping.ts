/** What the function answered with ReportBatchItemFailures on: the sequence numbers to deliver again. */
export interface StreamBatchAnswer {
  batchItemFailures: { itemIdentifier: string }[];
}

/** Invokes the function with one batch; `last` says whether the batch reaches the end of what the shard holds now. */
export type StreamInvoker<R> = (batch: R[], last: boolean) => Promise<StreamBatchAnswer>;

export interface StreamMappingOptions<R> {
  /** The records committed since the last fetch, in the shard's order (GetRecords on the stand-in). */
  fetch(): Promise<R[]>;
  sequenceNumber(record: R): string;
  invoke: StreamInvoker<R>;
  batchSize: number;
  /** The template's MaximumRetryAttempts: then the batch goes to the on-failure destination. */
  maximumRetryAttempts: number;
}

/**
 * A stream's event source mapping as Lambda documents it for Kinesis and DynamoDB Streams with
 * ReportBatchItemFailures and BisectBatchOnFunctionError (one shard, ParallelizationFactor 1):
 * batches in the shard's order from the checkpoint; an answer that names records moves the
 * checkpoint to the lowest of them, and the shard goes on from there; a function error (a crash,
 * a timeout) leaves the checkpoint and splits the batch in two, each half delivered on its own;
 * a record still failing after MaximumRetryAttempts retries goes, with its batch, to the
 * on-failure destination and the shard goes on. Nothing is skipped otherwise.
 */
export function streamMapping<R>(options: StreamMappingOptions<R>) {
  const { batchSize, maximumRetryAttempts, sequenceNumber } = options;
  const shard: R[] = [];
  /** The first record not yet processed. */
  let checkpoint = 0;
  /** The ends of the halves still to deliver, the next one last. */
  const halves: number[] = [];
  const onFailure: R[][] = [];
  let invocations = 0;
  let functionErrors = 0;

  return {
    /** What the on-failure destination received: batches given up on. */
    onFailure,
    stats: () => ({ invocations, functionErrors }),
    /** Fetches what was committed, then delivers the shard up to its end. */
    async settle(): Promise<void> {
      shard.push(...(await options.fetch()));
      let retries = 0;
      while (checkpoint < shard.length) {
        const end = Math.min(halves.at(-1) ?? checkpoint + batchSize, shard.length);
        const batch = shard.slice(checkpoint, end);
        invocations++;
        let answer: StreamBatchAnswer | undefined;
        try {
          answer = await options.invoke(batch, end === shard.length);
        } catch {
          functionErrors++;
        }
        const failed = new Set(answer?.batchItemFailures.map((failure) => failure.itemIdentifier));
        const lowestFailed = batch.findIndex((record) => failed.has(sequenceNumber(record)));
        if (answer && lowestFailed < 0) {
          advance(end);
          retries = 0;
          continue;
        }
        if (++retries > maximumRetryAttempts) {
          onFailure.push(batch);
          advance(end);
          retries = 0;
          continue;
        }
        if (answer) {
          if (lowestFailed > 0) retries = 1;
          advance(checkpoint + lowestFailed);
        } else if (batch.length > 1) {
          // BisectBatchOnFunctionError: the second half, then the first, is what comes next.
          halves.push(end, checkpoint + Math.ceil(batch.length / 2));
        }
      }
    },
  };

  function advance(to: number) {
    checkpoint = to;
    while (halves.length > 0 && halves.at(-1)! <= checkpoint) halves.pop();
  }
}
