/** SKYPORT_STORE's value for this store. */
export const SQLITE_STORE = "sqlite";

/** Where `sqliteDocuments` keeps its file unless SKYPORT_SQLITE_PATH says. */
export const DEFAULT_SQLITE_PATH = ".data/orders.db";
