/** A table that exists with another key, index key or stream than the collection declares: ensure() will not change or drop data to fit. */
export class CollectionTableMismatch extends Error {
  constructor(tableName: string, difference: string) {
    super(`table ${tableName}: ${difference}`);
    this.name = "CollectionTableMismatch";
  }
}
