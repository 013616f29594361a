import type { CollectionDeclaration } from "@skyport/core";

/** A document's place in one declared index. */
export interface IndexEntry {
  index: string;
  ipk: string;
  /** '' for an index without a sort field (index values are never empty). */
  isk: string;
}

/** The indexes a value is in: those whose fields it holds as strings (a document without an index's fields is not in that index). */
export function indexEntries(declaration: CollectionDeclaration<unknown>, value: unknown): IndexEntry[] {
  const fields = value as Record<string, unknown>;
  const entries: IndexEntry[] = [];
  for (const [index, shape] of Object.entries(declaration.indexes)) {
    const ipk = fields[shape.partition];
    const isk = shape.sort === undefined ? "" : fields[shape.sort];
    if (typeof ipk === "string" && typeof isk === "string") entries.push({ index, ipk, isk });
  }
  return entries;
}
