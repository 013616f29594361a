import type { CollectionDeclaration } from "../collections/declaration.js";
import type { SecretDeclaration } from "../secrets/declaration.js";
import type { AnyAppFunction, App } from "./app.js";

/** A declaration the clouds could not deploy: thrown when the app module loads, so builds fail early. */
export class AppDeclarationError extends Error {
  override name = "AppDeclarationError";
}

const APP_NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
/** camelCase: a valid Lambda handler folder, functions-framework target and Azure function name. */
const FUNCTION_NAME = /^[a-z][A-Za-z0-9]{0,39}$/;
/** Valid as an SQS queue, a Pub/Sub topic and an Azure Storage queue name alike. */
export const TOPIC_NAME = /^[a-z][a-z0-9-]{1,40}[a-z0-9]$/;
const topicRule = "3-42 characters of a-z, 0-9 and -, starting with a letter";

/** Declares an app. Every name is checked against what all three clouds accept. */
export function defineApp<S, N extends string>(app: {
  name: string;
  /** The app's collections (`collection(...)`); a function lists the ones it uses. */
  collections?: Record<string, CollectionDeclaration<unknown>>;
  /** The app's secrets (`secret(...)`), by name only; a function lists the ones it reads. */
  secrets?: Record<string, SecretDeclaration>;
  functions: Record<N, AnyAppFunction<S>>;
}): App<S, N> {
  if (!APP_NAME.test(app.name)) {
    throw new AppDeclarationError(`app name ${JSON.stringify(app.name)}: 2-32 characters of a-z, 0-9 and -, starting with a letter`);
  }
  const entries = Object.entries<AnyAppFunction<S>>(app.functions);
  if (entries.length === 0) throw new AppDeclarationError(`app ${app.name} declares no function`);
  for (const [name, fn] of entries) {
    if (!FUNCTION_NAME.test(name)) {
      throw new AppDeclarationError(`function name ${JSON.stringify(name)}: camelCase, 1-40 characters of A-Z, a-z and 0-9, starting with a-z`);
    }
    for (const topic of fn.publishes) {
      if (!TOPIC_NAME.test(topic)) throw new AppDeclarationError(`function ${name} publishes to ${JSON.stringify(topic)}: ${topicRule}`);
    }
  }
  const collections = declaredCollections(app.name, app.collections ?? {}, entries);
  for (const [name, fn] of entries) {
    for (const used of fn.collections) {
      if (!collections[used])
        throw new AppDeclarationError(
          `function ${name} uses the collection ${JSON.stringify(used)}, which app ${app.name} does not declare in its collections`,
        );
    }
  }
  const secrets = declaredSecrets(app.name, app.secrets ?? {});
  for (const [name, fn] of entries) {
    for (const read of fn.secrets ?? []) {
      if (!secrets[read])
        throw new AppDeclarationError(`function ${name} reads the secret ${JSON.stringify(read)}, which app ${app.name} does not declare in its secrets`);
    }
  }
  const httpFunctions = entries.filter(([, fn]) => fn.trigger.kind === "http").map(([name]) => name);
  if (httpFunctions.length > 1) {
    // Each cloud's front door (API Gateway, the function URL, Azure's catch-all route) serves one route table.
    throw new AppDeclarationError(
      `app ${app.name} declares ${httpFunctions.length} http functions (${httpFunctions.join(", ")}); one route table serves them all`,
    );
  }
  return Object.freeze({ name: app.name, collections, secrets, functions: Object.freeze({ ...app.functions }) });
}

/** The app's secrets by their own names, each declared once. */
function declaredSecrets(app: string, given: Record<string, SecretDeclaration>): Readonly<Record<string, SecretDeclaration>> {
  const byName: Record<string, SecretDeclaration> = {};
  for (const declaration of Object.values(given)) {
    if (declaration?.kind !== "secret") throw new AppDeclarationError(`app ${app}: secrets holds something that is not a secret(...) declaration`);
    if (byName[declaration.name]) throw new AppDeclarationError(`app ${app} declares the secret ${JSON.stringify(declaration.name)} twice`);
    byName[declaration.name] = declaration;
  }
  return Object.freeze(byName);
}

/** The app's collections by their own names, each declared once, then the framework's ones its functions use (declared by the app or not). */
function declaredCollections<S>(
  app: string,
  given: Record<string, CollectionDeclaration<unknown>>,
  functions: [string, AnyAppFunction<S>][],
): Readonly<Record<string, CollectionDeclaration<unknown>>> {
  const byName: Record<string, CollectionDeclaration<unknown>> = {};
  for (const declaration of Object.values(given)) {
    if (declaration?.kind !== "collection") throw new AppDeclarationError(`app ${app}: collections holds something that is not a collection(...) declaration`);
    if (byName[declaration.name]) throw new AppDeclarationError(`app ${app} declares the collection ${JSON.stringify(declaration.name)} twice`);
    byName[declaration.name] = declaration;
  }
  for (const declaration of functions.flatMap(([, fn]) => fn.declares ?? [])) {
    const declared = byName[declaration.name];
    // The same declaration, as the app lists it or as a bundle's served app carries it (as data), is the framework's own.
    if (declared && JSON.stringify(declared) !== JSON.stringify(declaration))
      throw new AppDeclarationError(`app ${app} declares a collection ${JSON.stringify(declaration.name)} of its own: that name is the framework's`);
    byName[declaration.name] = declaration;
  }
  return Object.freeze(byName);
}

/** The app's functions by name, in declaration order. */
export function functionsOf<S>(app: App<S>): [string, AnyAppFunction<S>][] {
  return Object.entries(app.functions);
}

/** The function `name` of `app`, or a clear error naming the ones it has. */
export function functionOf<S>(app: App<S>, name: string): AnyAppFunction<S> {
  const fn = (app.functions as Record<string, AnyAppFunction<S> | undefined>)[name];
  if (!fn) throw new AppDeclarationError(`app ${app.name} has no function ${JSON.stringify(name)}; it has ${Object.keys(app.functions).join(", ")}`);
  return fn;
}

/**
 * The setting that names where a topic's messages go on each cloud (an SQS queue URL, a Pub/Sub
 * topic, a Storage queue name): `orders` -> SKYPORT_TOPIC_ORDERS.
 */
export function topicVariable(topic: string): string {
  return `SKYPORT_TOPIC_${topic.toUpperCase().replace(/-/g, "_")}`;
}

/** The topics the served functions publish to: their queue settings are required at start. */
export function publishedTopics<S>(app: App<S>, served: readonly string[]): Set<string> {
  return new Set(served.flatMap((name) => functionOf(app, name).publishes));
}
