import { loadavg } from "node:os";
import { textTable } from "../table.js";
import { DOCUMENTS_HEADER, documentsCells } from "./cells.js";
import { cosmosPair } from "./cosmos.js";
import { dynamoDbPair } from "./dynamodb.js";
import { firestorePair } from "./firestore.js";
import { type DocumentCounts, type DocumentsResult, type DocumentsRow, measurePair } from "./measure.js";
import { sqlitePair } from "./sqlite.js";
import type { StorePair } from "./workload.js";

export type { DocumentCounts, DocumentsResult, DocumentsRow } from "./measure.js";

/** Each store on its emulator, started for its rows and stopped after them (one at a time on the machine). */
const PAIRS: (() => Promise<StorePair>)[] = [sqlitePair, dynamoDbPair, firestorePair, cosmosPair];

/**
 * Per store, the five operations through the portable `Collection<T>` against the same calls written
 * by hand with the store's SDK on the same emulator and client, in the same run.
 */
export async function measureDocuments(counts: DocumentCounts, command: string): Promise<DocumentsResult> {
  const startedAt = new Date().toISOString();
  const before = loadavg()[0]!;
  const rows: DocumentsRow[] = [];
  for (const start of PAIRS) {
    const pair = await start();
    try {
      rows.push(...(await measurePair(pair, counts)));
    } finally {
      await pair.stop();
    }
  }
  return { command, startedAt, ...counts, loadAverage: [before, loadavg()[0]!], rows };
}

/** The rows as the terminal shows them. */
export function documentsReport(result: DocumentsResult): string {
  return textTable(
    DOCUMENTS_HEADER,
    result.rows.map((row) => documentsCells(row)),
  );
}
