import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { IdempotencyRecord, StoredResponse } from "@skyport/core";
import { ORDERS_TABLE } from "./table.js";

/**
 * An idempotency record as stored: flat scalars only. `expiresAt` (ISO 8601, exact) is what the
 * store compares; `ttl` (epoch seconds, rounded up) is what DynamoDB's TTL deletes by, later.
 * The response is kept as its JSON text, so that a replay is byte for byte what was first sent.
 */
export interface IdempotencyItem {
  pk: string;
  fingerprint: string;
  state: IdempotencyRecord["state"];
  expiresAt: string;
  ttl: number;
  response?: string;
}

export const idempotencyPk = (key: string) => `${ORDERS_TABLE.idempotencyPrefix}${key}`;

export const ttlSeconds = (expiresAt: Date) => Math.ceil(expiresAt.getTime() / 1000);

/** Thrown by a record that does not read back as one this store wrote. */
export class MalformedIdempotencyRecord extends Error {
  constructor() {
    super("stored idempotency record is malformed");
    this.name = "MalformedIdempotencyRecord";
  }
}

export function recordFromItem(item: Record<string, unknown>): IdempotencyRecord {
  const { pk, fingerprint, state, expiresAt, response } = item;
  if (
    typeof pk !== "string" ||
    !pk.startsWith(ORDERS_TABLE.idempotencyPrefix) ||
    typeof fingerprint !== "string" ||
    (state !== "in-flight" && state !== "completed") ||
    typeof expiresAt !== "string"
  ) {
    throw new MalformedIdempotencyRecord();
  }
  const record: IdempotencyRecord = { key: pk.slice(ORDERS_TABLE.idempotencyPrefix.length), fingerprint, state, expiresAt };
  if (typeof response === "string") record.response = parseResponse(response);
  return record;
}

/** The same record from a raw attribute map (what a failed condition returns with ALL_OLD). */
export function recordFromAttributes(attributes: Record<string, AttributeValue>): IdempotencyRecord {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) plain[name] = value.S ?? value.N;
  return recordFromItem(plain);
}

function parseResponse(text: string): StoredResponse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedIdempotencyRecord();
  }
  const { status, headers, body } = (value ?? {}) as Partial<Record<keyof StoredResponse, unknown>>;
  const headersValid = typeof headers === "object" && headers !== null && Object.values(headers).every((v) => typeof v === "string");
  if (typeof status !== "number" || !headersValid || (body !== undefined && typeof body !== "string")) {
    throw new MalformedIdempotencyRecord();
  }
  const response: StoredResponse = { status, headers: headers as Record<string, string> };
  if (body !== undefined) response.body = body;
  return response;
}
