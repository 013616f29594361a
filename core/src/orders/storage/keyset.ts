import { createHash } from "node:crypto";
import { InvalidCursor } from "../../ports/errors.js";

/** A keyset position: the (createdAt, id) of the last order on a page. */
export interface KeysetPosition {
  createdAt: string;
  id: string;
}

/** The list a customer's positions belong to. */
export const customerList = (customerId: string): string => `customer:${customerId}`;
/** The list a status query's positions belong to (the cleanup's). */
export const statusList = (status: string): string => `status:${status}`;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PAYLOAD = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The position after `last` in `list`: what every store hands out as `Page.next`, and the API as
 * its cursor. Opaque, bound to its list, with a check over both. The check is not a secret: it
 * refuses garbled, changed and foreign positions, not forged ones. Isolation rests on the stores,
 * which take the customer from the request and only a validated (createdAt, id) from here.
 */
export function encodeKeyset(list: string, last: KeysetPosition): string {
  const payload = Buffer.from(`${last.createdAt}|${last.id}`).toString("base64url");
  return `${payload}.${checkOf(list, payload)}`;
}

/** The (createdAt, id) in a position made for `list`; anything else is an `InvalidCursor`. */
export function decodeKeyset(list: string, position: string): KeysetPosition {
  const [payload, check, extra] = position.split(".");
  if (payload === undefined || extra !== undefined || !PAYLOAD.test(payload) || check !== checkOf(list, payload)) throw invalid();
  const [createdAt, id, more] = Buffer.from(payload, "base64url").toString("utf8").split("|");
  if (createdAt === undefined || id === undefined || more !== undefined || !ISO.test(createdAt) || !ID.test(id)) throw invalid();
  // The pattern lets through instants that do not exist (month 13): only a round trip proves one.
  const instant = new Date(createdAt);
  if (Number.isNaN(instant.getTime()) || instant.toISOString() !== createdAt) throw invalid();
  return { createdAt, id };
}

/** Newest first: createdAt descending, then id descending. */
export function newestFirst(a: KeysetPosition, b: KeysetPosition): number {
  return a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1;
}

function checkOf(list: string, payload: string): string {
  return createHash("sha256")
    .update(JSON.stringify(["skyport-keyset", list, payload]))
    .digest("base64url")
    .slice(0, 22);
}

function invalid(): InvalidCursor {
  return new InvalidCursor("position is not valid");
}
