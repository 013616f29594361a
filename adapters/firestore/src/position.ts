import { createHash } from "node:crypto";
import { InvalidCursor } from "@skyport/core";

/** The (createdAt, id) of the last order on a page: where the next page starts. */
export interface Position {
  createdAt: string;
  id: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const CHECK = /^[A-Za-z0-9_-]{22}$/;

/**
 * `createdAt|id|check`, where the check binds the position to the list it was made for (one
 * customer, or one status). It makes a tampered position, or one from another list, an
 * InvalidCursor; it is not a secret. Isolation does not rest on it: every page query filters on
 * the customer, so any position can only ever select within that customer's own orders.
 */
export function encodePosition(list: string, last: Position): string {
  return `${last.createdAt}|${last.id}|${check(list, last)}`;
}

/** The position this store made for `list`, or InvalidCursor for anything else. */
export function decodePosition(list: string, position: string): Position {
  const [createdAt, id, given, extra] = position.split("|");
  if (createdAt === undefined || id === undefined || given === undefined || extra !== undefined) throw invalid();
  if (!ISO.test(createdAt) || !ID.test(id) || !CHECK.test(given)) throw invalid();
  // The pattern lets through instants that do not exist (month 13): only a round trip proves one.
  const instant = new Date(createdAt);
  if (Number.isNaN(instant.getTime()) || instant.toISOString() !== createdAt) throw invalid();
  if (given !== check(list, { createdAt, id })) throw invalid();
  return { createdAt, id };
}

/** The list a customer's positions belong to. */
export const customerList = (customerId: string) => `customer:${customerId}`;
/** The list a status query's positions belong to. */
export const statusList = (status: string) => `status:${status}`;

function check(list: string, { createdAt, id }: Position): string {
  return createHash("sha256").update(JSON.stringify(["skyport-firestore-position", list, createdAt, id])).digest("base64url").slice(0, 22);
}

function invalid(): InvalidCursor {
  return new InvalidCursor("position is not valid");
}
