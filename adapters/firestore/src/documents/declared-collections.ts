import type { Firestore } from "@google-cloud/firestore";
import { canonicalJson, fieldsOf, type CollectionDeclaration } from "@skyport/core";
import { documentId } from "./document-id.js";
import { contended, created, replacedIfUnchanged, WRITE_ATTEMPTS } from "./write-conditions.js";

/**
 * Where ensure() records each collection's declaration, one document per location. Its `~` keeps
 * it apart from every location a collection can be given (A-Z a-z 0-9 _ . -).
 */
export const DECLARATIONS = "~skyport-collections";

/** What is recorded of a declaration: what its documents' ids and fields are built from. */
export interface DeclarationRecord {
  name: string;
  key: string[];
  indexes: Record<string, string[]>;
  expiresAt: string | null;
}

/** ensure() found the location holding a collection with another key: its documents' ids and fields would not match. */
export class CollectionKeyMismatch extends Error {
  constructor(
    readonly location: string,
    readonly existing: readonly string[],
    readonly declared: readonly string[],
  ) {
    super(
      `Firestore collection ${JSON.stringify(location)} exists with the key [${existing.join(", ")}], ` + `but the declaration gives [${declared.join(", ")}]`,
    );
    this.name = "CollectionKeyMismatch";
  }
}

export function declarationRecord(declaration: CollectionDeclaration<unknown>): DeclarationRecord {
  const indexes = Object.fromEntries(Object.entries(declaration.indexes).map(([name, shape]) => [name, fieldsOf(shape)]));
  return { name: declaration.name, key: fieldsOf(declaration.key), indexes, expiresAt: declaration.expiresAt ?? null };
}

/**
 * Records the declaration of the collection at `location`, or checks it against the one recorded:
 * another key fails; new indexes or another expiry field are recorded (Firestore itself has no
 * schema to change: its indexes and TTL policy are deployed from collectionIndexes()).
 */
export async function ensureDeclared(firestore: Firestore, location: string, declaration: CollectionDeclaration<unknown>): Promise<void> {
  const target = firestore.collection(DECLARATIONS).doc(documentId([location]));
  const declared = declarationRecord(declaration);
  // create() and preconditions, as the collections' own writes: no transaction, whose locks the emulator serves slowly.
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    if (await created(target, { ...declared })) return;
    const snapshot = await target.get();
    if (!snapshot.exists) continue;
    const existing = snapshot.data() as DeclarationRecord;
    if (existing.key.join() !== declared.key.join()) throw new CollectionKeyMismatch(location, existing.key, declared.key);
    if (canonicalJson(existing) === canonicalJson(declared)) return;
    if (await replacedIfUnchanged(target, { ...declared }, snapshot.updateTime!)) return;
  }
  throw contended();
}
