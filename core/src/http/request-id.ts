import { randomUUID } from "node:crypto";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The caller's `x-request-id` when it is well-formed, else the cloud's id, else a new one. */
export function requestIdFor(header: string | undefined, cloudId: string): string {
  if (header !== undefined && REQUEST_ID.test(header)) return header;
  return REQUEST_ID.test(cloudId) ? cloudId : randomUUID();
}
