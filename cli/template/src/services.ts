import {
  cachedSecrets,
  idempotencyCollection,
  jsonLogger,
  lazyDocuments,
  readLogLevel,
  systemClock,
  type AppInstance,
  type AppProblems,
  type Cloud,
  type Clock,
  type Collection,
  type DocumentsLoader,
  type Env,
  type IdempotencyDocument,
  type JsonLoggerOptions,
  type Metrics,
  type Platform,
  type Secrets,
  type StoreKind,
} from "@skyport/core";
import { notes, type Note } from "./notes.js";
import { noteProblems, type NoteProblemKind } from "./problems.js";

/** What the handlers run on; add stores and clients here (built once per instance, on first use). */
export interface Services {
  greeting: string;
  clock: Clock;
  notes: Collection<Note>;
  /** Where the idempotent POST /notes keeps its Idempotency-Keys (the framework's collection, declared with the api function). */
  idempotencyKeys: Collection<IdempotencyDocument>;
  /** The app's own problem kinds, under SKYPORT_PROBLEM_BASE (read at start: a bad one fails it). */
  problems: AppProblems<NoteProblemKind>;
  /**
   * The secrets the app declares, from the platform's store (fetched at first use, kept
   * SKYPORT_SECRET_TTL_SECONDS); each function reads only those it lists.
   */
  secrets: Secrets;
}

/** The stores an entry carries (each loads its SDK on first use) and the one it uses unless SKYPORT_STORE says otherwise. */
export interface Stores {
  loaders: Readonly<Record<StoreKind, DocumentsLoader>>;
  defaultStore: StoreKind;
}

/**
 * The instance on one cloud: its log line shape, SKYPORT_LOG_LEVEL, its metric emitter (Azure's
 * adapter makes its own), the services (SKYPORT_PROBLEM_BASE and the platform's secrets among them), and the documents the notes live in (the local server
 * makes the collection there at start).
 */
export function instance(
  cloud: Cloud,
  env: Env,
  platform: Platform,
  stores: Stores,
  format?: JsonLoggerOptions["format"],
  metrics?: Metrics,
): AppInstance<Services> {
  const logger = jsonLogger({ level: readLogLevel(env), format, fields: { cloud } });
  const documents = lazyDocuments(env, stores.loaders, stores.defaultStore);
  const services: Services = {
    greeting: env.GREETING ?? "Hello",
    clock: systemClock,
    notes: documents.collection(notes),
    idempotencyKeys: documents.collection(idempotencyCollection),
    problems: noteProblems.at(env),
    secrets: cachedSecrets(env, platform.secrets),
  };
  return { logger, metrics, services: async () => services, documents, close: () => documents.close() };
}
