import { envReader, type Env } from "../../config/env.js";

/** SKYPORT_IMPORT_MAX_BYTES's default: 100 MB. */
export const DEFAULT_IMPORT_MAX_BYTES = 100 * 1024 * 1024;

/** The bulk import's settings. */
export interface ImportSettings {
  /** A larger file is rejected whole, unread. */
  maxBytes: number;
}

/** The bulk import's settings from SKYPORT_IMPORT_MAX_BYTES. */
export function readImportSettings(env: Env): ImportSettings {
  return { maxBytes: envReader(env).integer("SKYPORT_IMPORT_MAX_BYTES", 1, 5 * 1024 ** 3, DEFAULT_IMPORT_MAX_BYTES) };
}
