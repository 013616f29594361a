import { collectionVariable, type App } from "@skyport/core";
import { collectionIndexes, type CompositeIndex, type FieldOverride } from "@skyport/firestore";

/** What firestore.indexes.json holds (the format `collectionIndexes` gives and `firebase deploy` reads). */
export interface FirestoreIndexes {
  indexes?: readonly CompositeIndex[];
  fieldOverrides?: readonly FieldOverride[];
}

/**
 * What a gcloud deploy script owes an app's collections on Firestore (nothing, for an app that
 * declares none): exactly the composite indexes and field overrides (the TTL policy on the expiry,
 * no single-field indexes on the stored JSON and version) that `collectionIndexes` of
 * @skyport/firestore lists, read from the script's `gcloud firestore indexes composite create`,
 * `gcloud firestore fields ttls update` and `gcloud firestore indexes fields update` commands and
 * from the firestore.indexes.json it deploys, when given. A collection lives where a literal
 * SKYPORT_COLLECTION_<NAME>=... in the script puts it, else under its name.
 * Firestore has no per-collection grant: its IAM roles (roles/datastore.user) and their conditions
 * reach a whole database, so no function's access to one collection can be checked here.
 */
export function firestoreIndexProblems(app: App<never>, script: string, indexesFile: FirestoreIndexes = {}): string[] {
  const declarations = Object.values(app.collections);
  if (declarations.length === 0) return [];
  const env = Object.fromEntries(
    declarations.flatMap((d) => {
      const value = new RegExp(`\\b${collectionVariable(d.name)}=([A-Za-z0-9_.-]+)(?=[\\s,"']|$)`, "m").exec(script)?.[1];
      return value === undefined ? [] : [[collectionVariable(d.name), value]];
    }),
  );
  const wanted = facts(collectionIndexes(env, declarations));
  const given = new Set([...scriptFacts(script), ...facts(indexesFile)]);
  const problems: string[] = [];
  for (const fact of wanted) if (!given.has(fact)) problems.push(`Firestore: the script makes no ${fact}, which app ${app.name}'s collections need`);
  for (const fact of given) if (!wanted.has(fact)) problems.push(`Firestore: the script makes a ${fact}, which no collection of app ${app.name} declares`);
  return problems;
}

const compositeFact = (group: string, fields: readonly { fieldPath: string; order: string }[]) =>
  `composite index on ${group} (${fields.map((f) => `${f.fieldPath} ${f.order.toUpperCase()}`).join(", ")})`;
const ttlFact = (group: string, field: string) => `TTL policy on ${group}.${field}`;
const unindexedFact = (group: string, field: string) => `single-field index exemption on ${group}.${field}`;

function facts({ indexes = [], fieldOverrides = [] }: FirestoreIndexes): Set<string> {
  return new Set([
    ...indexes.map((index) => compositeFact(index.collectionGroup, index.fields)),
    ...fieldOverrides.flatMap((o) => [
      ...(o.ttl ? [ttlFact(o.collectionGroup, o.fieldPath)] : []),
      ...(o.indexes.length === 0 ? [unindexedFact(o.collectionGroup, o.fieldPath)] : []),
    ]),
  ]);
}

/**
 * The indexes, TTL policies and exemptions the script's own gcloud firestore commands make; a
 * command whose collection group is a shell variable (a loop over firestore.indexes.json) is not read.
 */
function scriptFacts(script: string): string[] {
  const unquoted = (word: string) => word.replace(/^(['"])(.*)\1$/, "$2");
  const group = (command: string) => unquoted(/--collection-group[= ]("[^"]*"|'[^']*'|\S+)/.exec(command)?.[1] ?? "$");
  return script
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((command) => /gcloud firestore /.test(command) && !group(command).includes("$"))
    .flatMap((command) => {
      if (/gcloud firestore indexes composite create\b/.test(command)) {
        const fields = [...command.matchAll(/--field-config[= ]['"]?field-path=([^,\s'"]+),order=(\w+)/g)].map((m) => ({ fieldPath: m[1]!, order: m[2]! }));
        return [compositeFact(group(command), fields)];
      }
      const ttl = /gcloud firestore fields ttls update ("[^"]*"|'[^']*'|\S+)/.exec(command);
      if (ttl && /--enable-ttl\b/.test(command)) return [ttlFact(group(command), unquoted(ttl[1]!))];
      const exempt = /gcloud firestore indexes fields update ("[^"]*"|'[^']*'|\S+)/.exec(command);
      if (exempt && /--disable-indexes\b/.test(command)) return [unindexedFact(group(command), unquoted(exempt[1]!))];
      return [];
    });
}
