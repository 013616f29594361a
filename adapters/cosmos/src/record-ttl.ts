/**
 * Cosmos DB deletes an item `ttl` seconds after its last write, counted from `_ts`: the
 * server's clock, in whole seconds, known only once the write is done.
 */
export class RecordTtl {
  /** The server's second minus ours, as seen on the last write. */
  private offset = 0;

  /** The second the record should disappear: expiry is never early. */
  static expirySecond(expiresAt: Date): number {
    return Math.ceil(expiresAt.getTime() / 1000);
  }

  /** The ttl to send with a write starting at `sentAt` (our clock, ms). */
  guess(expiresAt: Date, sentAt: number): number {
    return RecordTtl.until(expiresAt, Math.floor(sentAt / 1000) + this.offset);
  }

  /** The ttl that makes an item the server stamped `ts` expire at `expiresAt`; learns the clock offset. */
  settled(expiresAt: Date, ts: number, sentAt: number): number {
    this.offset = ts - Math.floor(sentAt / 1000);
    return RecordTtl.until(expiresAt, ts);
  }

  private static until(expiresAt: Date, second: number): number {
    return Math.max(1, RecordTtl.expirySecond(expiresAt) - second);
  }
}
