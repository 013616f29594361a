import type { Documents } from "../collections/collection.js";
import type { CollectionDeclaration } from "../collections/declaration.js";
import type { Env } from "../config/env.js";
import type { EventPublisher } from "../ports/event-publisher.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { SecretDeclaration } from "../secrets/declaration.js";
import type { SecretSource } from "../secrets/secrets.js";

/**
 * Every trigger kind: its declaration (what the build and the templates read) and the neutral
 * handler a runtime adapter calls. A kind adds itself by declaration merging, in its own file.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each trigger kind's module
export interface TriggerKinds {}
/** The name of a trigger kind (`http`, `queue`, `schedule`, ...): the keys of `TriggerKinds`. */
export type TriggerKind = keyof TriggerKinds;
/** The trigger declaration of a trigger kind (`HttpTrigger` for `http`). */
export type TriggerOf<K extends TriggerKind> = TriggerKinds[K] extends { trigger: infer T } ? T : never;
/** The handler a function of a trigger kind is built into (`HttpHandler` for `http`). */
export type HandlerOf<K extends TriggerKind> = TriggerKinds[K] extends { handler: infer H } ? H : never;

/** One function of an app: a trigger, and the handler built from the instance's services. */
export interface AppFunction<S, K extends TriggerKind = TriggerKind> {
  trigger: TriggerOf<K>;
  /** Topics this function publishes to: the templates grant sending to these, and only these. */
  publishes: readonly string[];
  /** The names of the collections this function reads or writes: the templates grant these, and only these. */
  collections: readonly string[];
  /** The names of the secrets this function reads: the templates grant reading these, and only these; its handlers can read no other. */
  secrets?: readonly string[];
  /** The framework's own collections this function uses (the idempotency keys): the app declares them without listing them. */
  declares?: readonly CollectionDeclaration<unknown>[];
  bind(services: S): HandlerOf<K>;
}

/** A function of any kind, as a union that narrows on `trigger.kind`. */
export type AnyAppFunction<S> = { [K in TriggerKind]: AppFunction<S, K> }[TriggerKind];

/** What any function declares beside its trigger: the topics, collections and secrets it uses, which the templates grant. */
export interface FunctionOptions {
  publishes?: readonly string[];
  /** The collections the function uses (declared with the app's `collections` too). */
  collections?: readonly CollectionDeclaration<unknown>[];
  /** The secrets the function reads (declared with the app's `secrets` too). */
  secrets?: readonly SecretDeclaration[];
}

/** The names of the collections a function's options list. */
export function collectionsUsed(options: FunctionOptions): string[] {
  return (options.collections ?? []).map((declaration) => declaration.name);
}

/** The names of the secrets a function's options list. */
export function secretsUsed(options: FunctionOptions): string[] {
  return (options.secrets ?? []).map((declaration) => declaration.name);
}

/** An app: named functions, each a handler with one trigger. Runtimes, builds and templates follow it. */
export interface App<S = never, N extends string = string> {
  name: string;
  /** The app's collections by name: what every store builds, and the templates declare. */
  collections: Readonly<Record<string, CollectionDeclaration<unknown>>>;
  /** The app's secrets by name: what its functions may list, and the templates grant. */
  secrets: Readonly<Record<string, SecretDeclaration>>;
  functions: Readonly<Record<N, AnyAppFunction<S>>>;
}

/** What a cloud entry hands a runtime adapter: the instance's services, built on first use. */
export interface AppInstance<S> {
  logger: Logger;
  /** The cloud's metric emitter, which every invocation's Context carries. */
  metrics?: Metrics;
  services(): Promise<S>;
  /** The documents the app keeps its declared collections in: the local server makes them at start and reads their change feeds (`documents.changes`). */
  documents?: Documents;
  /** Releases what the services hold (connections, files); the local server calls it on shutdown. */
  close?(): Promise<void>;
}

/** What a runtime tells the app's wiring about the process it runs in. */
export interface Platform {
  /** The functions this process serves: one per Lambda bundle, every one in a Functions app. */
  served: readonly string[];
  /**
   * The runtime's publisher for a topic (SQS, Pub/Sub, a Storage queue, the local server's own),
   * its destination read from SKYPORT_TOPIC_<TOPIC> now; given where a served function publishes.
   */
  queue?(topic: string): EventPublisher;
  /**
   * Where the cloud keeps secrets (Secrets Manager, Secret Manager, Key Vault; the local machine's
   * settings and .data/secrets/), given where a served function reads secrets; its SDK loads at the first read.
   */
  secrets?: SecretSource;
}

/** An app's wiring for one cloud: reads the configuration now (a bad value fails the start). */
export type Wiring<S> = (env: Env, platform: Platform) => AppInstance<S>;
