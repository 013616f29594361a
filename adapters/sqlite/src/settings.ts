/** SKYPORT_STORE's value for this store. */
export const SQLITE_STORE = "sqlite";
