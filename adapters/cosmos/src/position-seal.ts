import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { SqlQuerySpec } from "@azure/cosmos";
import { InvalidCursor } from "@skyport/core";

const MAC_BYTES = 24;

/**
 * Wraps Cosmos DB continuation tokens into positions only this store can make: an HMAC over
 * the token and the query it continues, so that a tampered token, or one from another
 * customer's (or another store's) list, is refused before it reaches the database.
 */
export class PositionSeal {
  private key: Promise<Buffer> | undefined;

  /** `loadKey` is called once, on first use; a failure is retried on the next call. */
  constructor(private readonly loadKey: () => Promise<Buffer>) {}

  async seal(query: SqlQuerySpec, token: string): Promise<string> {
    const payload = Buffer.from(token, "utf8").toString("base64url");
    return `${payload}.${(await this.mac(query, payload)).toString("base64url")}`;
  }

  /** The continuation token inside a position this store sealed for this query. */
  async open(query: SqlQuerySpec, position: string): Promise<string> {
    const [payload, mac, extra] = position.split(".");
    if (!payload || !mac || extra !== undefined) throw new InvalidCursor("position is not valid");
    const given = Buffer.from(mac, "base64url");
    const expected = await this.mac(query, payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidCursor("position is not valid");
    }
    return Buffer.from(payload, "base64url").toString("utf8");
  }

  private async mac(query: SqlQuerySpec, payload: string): Promise<Buffer> {
    const queryDigest = createHash("sha256").update(JSON.stringify(query)).digest();
    return createHmac("sha256", await this.secret())
      .update(queryDigest)
      .update(payload)
      .digest()
      .subarray(0, MAC_BYTES);
  }

  private secret(): Promise<Buffer> {
    this.key ??= this.loadKey().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }
}
