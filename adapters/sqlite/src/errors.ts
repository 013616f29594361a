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
