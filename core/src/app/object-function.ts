import type { ObjectHandler } from "../function/object.js";
import { collectionsUsed, secretsUsed, type AppFunction, type FunctionOptions } from "./app.js";
import { AppDeclarationError } from "./declaration.js";

/** An object function's trigger: the bucket and the prefix of the objects it is handed. */
export interface ObjectCreatedTrigger {
  kind: "object";
  /** The bucket (S3, Cloud Storage) or Blob container, as the templates name it. */
  bucket: string;
  /** Only objects under this prefix are handed to the function, e.g. `imports/`. */
  prefix: string;
}

declare module "./app.js" {
  interface TriggerKinds {
    object: { trigger: ObjectCreatedTrigger; handler: ObjectHandler };
  }
}

/** What S3, Cloud Storage and Blob Storage all accept: 3-63 of a-z, 0-9 and -, a letter or digit at each end. */
export const BUCKET_NAME = /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/;
const PREFIX = /^(?:[A-Za-z0-9_.-]+\/)+$/;

/**
 * A function run for each object written under `prefix` in `bucket`. Objects elsewhere in the
 * bucket (Eventarc cannot filter on a prefix, so Google Cloud delivers them) are skipped here,
 * in one place, so that a function writing its own results to the bucket never triggers itself.
 */
export function objectCreated<S>(
  bucket: string,
  prefix: string,
  handler: (services: S) => ObjectHandler,
  options: FunctionOptions = {},
): AppFunction<S, "object"> {
  if (!BUCKET_NAME.test(bucket))
    throw new AppDeclarationError(`bucket ${JSON.stringify(bucket)}: 3-63 characters of a-z, 0-9 and -, a letter or digit at each end`);
  if (!PREFIX.test(prefix)) throw new AppDeclarationError(`prefix ${JSON.stringify(prefix)}: folder names of A-Z, a-z, 0-9, _, . and -, each ending in /`);
  return {
    trigger: { kind: "object", bucket, prefix },
    publishes: options.publishes ?? [],
    collections: collectionsUsed(options),
    secrets: secretsUsed(options),
    bind: (services) => {
      const handle = handler(services);
      return async (object, store, context) => {
        if (!object.name.startsWith(prefix) || object.name.endsWith("/")) {
          context.logger.info("object outside the prefix skipped", { object: object.name, prefix });
          return undefined;
        }
        return handle(object, store, context);
      };
    },
  };
}
