import type { Clock } from "../ports/clock.js";
import { randomBytesFromPool } from "../ports/entropy.js";

/** Where new order ids come from. */
export interface Ids {
  /** A new order id: URL-safe and sortable by creation time. */
  orderId(): string;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** What every order id looks like: `ord_` and a ULID. */
export const ORDER_ID_PATTERN = /^ord_[0-9A-HJKMNP-TV-Z]{26}$/;

/** ULIDs prefixed `ord_`, monotonic within one millisecond so that ids sort like creation. */
export function ulidIds(clock: Clock): Ids {
  let lastTime = -1;
  let lastRandom: Uint8Array = new Uint8Array(10);
  return {
    orderId() {
      const time = clock.now().getTime();
      if (time === lastTime) lastRandom = increment(lastRandom);
      else {
        lastTime = time;
        lastRandom = new Uint8Array(randomBytesFromPool(10));
      }
      return `ord_${encodeTime(time)}${encodeRandom(lastRandom)}`;
    },
  };
}

/**
 * The order id that 16 bytes (a digest) name: always the same id for the same bytes, in the same
 * form as a new one (its first 6 bytes stand where a ULID's time is, so it does not sort by creation).
 */
export function orderIdOf(bytes: Uint8Array): string {
  if (bytes.byteLength < 16) throw new RangeError("an order id is made of 16 bytes");
  const time = bytes.subarray(0, 6).reduce((value, byte) => value * 256 + byte, 0);
  return `ord_${encodeTime(time)}${encodeRandom(bytes.subarray(6, 16))}`;
}

function encodeTime(time: number): string {
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[time % 32] + out;
    time = Math.floor(time / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < 16; i++) {
    out = CROCKFORD[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

function increment(bytes: Uint8Array): Uint8Array {
  const next = new Uint8Array(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] === 255) next[i] = 0;
    else {
      next[i]! += 1;
      break;
    }
  }
  return next;
}
