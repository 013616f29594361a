import type { CloudEvent } from "@google-cloud/functions-framework";
import type { Change } from "@skyport/core";
import { MalformedChangeEvent } from "../errors.js";
import { isoOf, plainFields } from "./firestore-value.js";
import { google } from "./generated/firestore-data.js";

const { DocumentEventData } = google.events.cloud.firestore.v1;
const BASE64 = /^[A-Za-z0-9+/]$/;

/** The Firestore event types (Eventarc) a changes function takes: `written` covers create, update and delete. */
export const DOCUMENT_EVENTS = [
  "google.cloud.firestore.document.v1.created",
  "google.cloud.firestore.document.v1.written",
  "google.cloud.firestore.document.v1.updated",
];

/**
 * A Firestore document CloudEvent (its data protobuf `DocumentEventData`, decoded with Google's
 * published definition) as a neutral change; a delete (no `value`) as none. The Firestore emulator
 * sends the protobuf base64-encoded where Eventarc sends the bytes: both are read.
 */
export function fromDocumentEvent(event: CloudEvent<unknown>): Change | undefined {
  if (!DOCUMENT_EVENTS.includes(event.type) && event.type !== "google.cloud.firestore.document.v1.deleted") {
    throw new MalformedChangeEvent(`not a Firestore document event (type ${JSON.stringify(event.type)})`);
  }
  const data = decode(event.data);
  const { value, old_value: previous } = data;
  if (!value) return undefined;
  return {
    id: event.id,
    key: value.name?.split("/").at(-1) ?? "",
    operation: previous ? "update" : "insert",
    document: plainFields(value.fields),
    ...(previous && { previous: plainFields(previous.fields) }),
    ...(isoOf(value.update_time) && { committedAt: isoOf(value.update_time) }),
  };
}

function decode(data: unknown): google.events.cloud.firestore.v1.DocumentEventData {
  const given = typeof data === "string" ? Buffer.from(data, "latin1") : data instanceof Uint8Array ? data : undefined;
  if (!given) throw new MalformedChangeEvent("event data is not a protobuf DocumentEventData (application/protobuf)");
  // The message starts with the tag of field 1, 2 or 3 (0x0a, 0x12, 0x1a), never a base64 character: the emulator's text is told apart.
  const bytes = given.length > 0 && BASE64.test(String.fromCharCode(given[0]!)) ? Buffer.from(Buffer.from(given).toString("latin1"), "base64") : given;
  try {
    return DocumentEventData.decode(bytes);
  } catch (error) {
    throw new MalformedChangeEvent(`event data is not a DocumentEventData: ${(error as Error).message}`);
  }
}
