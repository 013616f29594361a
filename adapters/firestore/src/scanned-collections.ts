import { type DocumentData, type Firestore, type QueryDocumentSnapshot, Timestamp } from "@google-cloud/firestore";
import type { VersionedCollections, VersionedDocument } from "@skyport/core";

/**
 * Firestore collections as the local server's change feed reads them (core's ScannedChangeFeed):
 * the versions are the documents' update times, listed without their fields; the changed ones
 * are then read in one batch. A collection of the app is the Firestore collection of that name.
 */
export function scannedCollections(firestore: Firestore): VersionedCollections {
  return {
    async *versions(collection) {
      const snapshots = firestore.collection(collection).select().stream() as AsyncIterable<QueryDocumentSnapshot>;
      for await (const { id, updateTime } of snapshots) yield { key: id, version: versionOf(updateTime) };
    },
    async read(collection, keys) {
      if (keys.length === 0) return [];
      const snapshots = await firestore.getAll(...keys.map((key) => firestore.collection(collection).doc(key)));
      return snapshots.flatMap((snapshot): VersionedDocument[] =>
        snapshot.exists && snapshot.updateTime
          ? [
              {
                key: snapshot.id,
                version: versionOf(snapshot.updateTime),
                document: plain(snapshot.data() as DocumentData) as Record<string, unknown>,
                committedAt: snapshot.updateTime.toDate().toISOString(),
              },
            ]
          : [],
      );
    },
  };
}

/** An update time to the nanosecond: two writes within one millisecond are two versions. */
function versionOf(time: Timestamp): string {
  return `${time.seconds}.${String(time.nanoseconds).padStart(9, "0")}`;
}

/** Stored values as plain JSON: Timestamps as ISO 8601 strings, everything else as it is. */
function plain(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, plain(field)]));
  return value;
}
