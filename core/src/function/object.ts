import type { Context } from "./context.js";
import type { ObjectStore } from "../ports/object-store.js";

/** An object that was written, as the cloud's event names it (keys decoded). */
export interface CreatedObject {
  bucket: string;
  /** The full object name (key), e.g. `imports/2026-11-27.csv`. */
  name: string;
  /** Bytes, where the event says. */
  size?: number;
  /**
   * The store's hash of the content where the event carries one (S3's ETag, GCS `md5Hash`, the
   * blob's Content-MD5), prefixed by what it is (`etag:`, `md5:`); never a generation or version id.
   */
  contentHash?: string;
}

/** The neutral handler of an objectCreated function: the object, the bucket it is in, the invocation. */
export type ObjectHandler = (object: CreatedObject, bucket: ObjectStore, context: Context) => Promise<unknown>;
