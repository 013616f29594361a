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
  "google.cloud.firestore.document.v1.deleted",
];

/**
 * A Firestore document CloudEvent (its data protobuf `DocumentEventData`, decoded with Google's
 * published definition) as a neutral change: an insert, an update with the document before it, or
 * a delete (only `old_value`) with the document as it was. The fields are handed on as stored (a
 * collection's document keeps its JSON in `$document`, which core reads back); the key is the
 * document's id, which the Firestore store derives one-to-one from the document's key. The Firestore
 * emulator sends the protobuf base64-encoded where Eventarc sends the bytes: both are read.
 */
export function fromDocumentEvent(event: CloudEvent<unknown>): Change {
  if (!DOCUMENT_EVENTS.includes(event.type)) {
    throw new MalformedChangeEvent(`not a Firestore document event (type ${JSON.stringify(event.type)})`);
  }
  const { value, old_value: previous } = decode(event.data);
  const document = value ?? previous;
  if (!document) throw new MalformedChangeEvent("a Firestore document event without value or old_value");
  const committedAt = isoOf(value?.update_time);
  return {
    id: event.id,
    key: document.name?.split("/").at(-1) ?? "",
    operation: !value ? "delete" : previous ? "update" : "insert",
    document: plainFields(document.fields),
    ...(previous && { previous: plainFields(previous.fields) }),
    ...(committedAt && { committedAt }),
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
