import type { Settings } from "@google-cloud/firestore";
import { envReader, type Env } from "@skyport/core";

/** The id of a project's default Firestore database. */
export const DEFAULT_DATABASE = "(default)";
// A database id is 4-63 lower-case letters, digits and hyphens, starting with a letter.
const DATABASE_ID = /^(\(default\)|[a-z][a-z0-9-]{2,61}[a-z0-9])$/;
const PROJECT_ID = /^[a-z][a-z0-9.:-]{2,62}$/;
const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;

/**
 * Client settings from the environment. The emulator is reached only through the standard
 * FIRESTORE_EMULATOR_HOST, which the SDK also reads from process.env (and then prefers).
 */
export function firestoreSettings(env: Env): Settings {
  const read = envReader(env);
  const projectId = read.string("GOOGLE_CLOUD_PROJECT", undefined, PROJECT_ID, "a Google Cloud project id");
  const databaseId = read.string("SKYPORT_FIRESTORE_DATABASE", DEFAULT_DATABASE, DATABASE_ID, `a Firestore database id or ${DEFAULT_DATABASE}`);
  if (read.optional("FIRESTORE_EMULATOR_HOST") === undefined) return { projectId, databaseId };
  const emulatorHost = read.string("FIRESTORE_EMULATOR_HOST", undefined, HOST_PORT, "host:port of the Firestore emulator");
  return { projectId, databaseId, host: emulatorHost, ssl: false };
}
