import type { google } from "./generated/firestore-data.js";

/** A decoded Value: its oneof names the field that is set. */
type Value = google.events.cloud.firestore.v1.Value;
type Timestamp = google.protobuf.ITimestamp;

/** Firestore's typed fields as plain JSON: instants as ISO 8601, 64-bit integers as numbers, bytes as base64. */
export function plainFields(fields: Record<string, google.events.cloud.firestore.v1.IValue> | null | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([name, value]) => [name, plainValue(value as Value)]));
}

function plainValue(value: Value): unknown {
  switch (value.value_type) {
    case "string_value":
      return value.string_value;
    case "integer_value":
      return Number(value.integer_value);
    case "double_value":
      return value.double_value;
    case "boolean_value":
      return value.boolean_value;
    case "timestamp_value":
      return isoOf(value.timestamp_value);
    case "map_value":
      return plainFields(value.map_value?.fields);
    case "array_value":
      return (value.array_value?.values ?? []).map((item) => plainValue(item as Value));
    case "bytes_value":
      return Buffer.from(value.bytes_value ?? []).toString("base64");
    case "reference_value":
      return value.reference_value;
    case "geo_point_value":
      return { latitude: value.geo_point_value?.latitude ?? 0, longitude: value.geo_point_value?.longitude ?? 0 };
    default:
      return null;
  }
}

export function isoOf(timestamp: Timestamp | null | undefined): string | undefined {
  if (!timestamp) return undefined;
  return new Date(Number(timestamp.seconds ?? 0) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6)).toISOString();
}
