import type { CollectionDeclaration, DocumentKey } from "@skyport/core";

/** A key as the documents table holds it. */
export interface StoredKey {
  pk: string;
  sk: string;
}

/** The partition value and the sort value, '' where the key has no sort field: key values are never empty, so '' stands for none. */
export function storedKey(declaration: CollectionDeclaration<unknown>, key: DocumentKey): StoredKey {
  const { partition, sort } = declaration.key;
  return { pk: key[partition]!, sk: sort === undefined ? "" : key[sort]! };
}

/** The key object back from its columns, fields in the declaration's order. */
export function documentKeyOf(declaration: CollectionDeclaration<unknown>, { pk, sk }: StoredKey): DocumentKey {
  const { partition, sort } = declaration.key;
  return sort === undefined ? { [partition]: pk } : { [partition]: pk, [sort]: sk };
}
