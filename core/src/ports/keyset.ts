import { InvalidCursor } from "./errors.js";

/** A keyset position: the (createdAt, id) of the last order on a page. */
export interface KeysetPosition {
  createdAt: string;
  id: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function encodeKeyset(order: KeysetPosition): string {
  return `${order.createdAt}|${order.id}`;
}

/** For stores that page by keyset; anything they did not write is an `InvalidCursor`. */
export function decodeKeyset(position: string): KeysetPosition {
  const [createdAt, id, extra] = position.split("|");
  if (!createdAt || !id || extra !== undefined || !ISO.test(createdAt) || !ID.test(id)) {
    throw new InvalidCursor("position is not valid");
  }
  return { createdAt, id };
}

/** Newest first: createdAt descending, then id descending. */
export function newestFirst(a: KeysetPosition, b: KeysetPosition): number {
  return a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1;
}
