/** The file was written by a newer version of this package; opening it could corrupt it. */
export class SchemaTooNew extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`database schema version ${found} is newer than the supported ${supported}`);
    this.name = "SchemaTooNew";
  }
}

/** ensure() found a collection, or one of its indexes, in the file with other key fields than the declaration's. */
export class CollectionMismatch extends Error {
  constructor(
    readonly location: string,
    readonly difference: string,
  ) {
    super(`collection at ${JSON.stringify(location)}: ${difference}`);
    this.name = "CollectionMismatch";
  }
}
