/**
 * One bucket: an S3 bucket, a Cloud Storage bucket, a Blob container, a local folder. Objects are
 * read as a stream of bytes, never whole; written whole (the import writes only small reports).
 */
export interface ObjectStore {
  /** The object's bytes as they arrive. */
  read(name: string): Promise<AsyncIterable<Uint8Array>>;
  write(name: string, body: string, contentType: string): Promise<void>;
}

/** The runtime's object store of a bucket, by the bucket's name as its events carry it. */
export type ObjectStores = (bucket: string) => ObjectStore;
