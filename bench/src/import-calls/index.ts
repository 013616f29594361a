import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Documents } from "@skyport/core";
import { dynamoDbDocumentsOn } from "@skyport/dynamodb";
import { startDynamoDbLocal } from "@skyport/dynamodb/testing";
import { openSqliteDocuments } from "@skyport/sqlite";
import { textTable } from "../table.js";
import { IMPORT_CALLS_HEADER, importCallsCells } from "./cells.js";
import { type ImportCallsResult, type ImportCallsRow, measureImportCallsOn } from "./measure.js";

export type { ImportCallsResult, ImportCallsRow } from "./measure.js";

/** A store's documents for the rows, and how to stop it. */
type StoreUnderCount = { store: string; documents: Documents; stop(): Promise<void> };

async function sqliteFile(): Promise<StoreUnderCount> {
  const dir = mkdtempSync(join(tmpdir(), "skyport-bench-import-calls-"));
  const documents = openSqliteDocuments(join(dir, "orders.db"));
  return {
    store: "SQLite",
    documents,
    async stop() {
      await documents.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function dynamoDbLocal(): Promise<StoreUnderCount> {
  const local = await startDynamoDbLocal();
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const documents = dynamoDbDocumentsOn(client, {});
  return {
    store: "DynamoDB Local",
    documents,
    async stop() {
      await documents.close();
      await local.stop();
    },
  };
}

const STORES: (() => Promise<StoreUnderCount>)[] = [sqliteFile, dynamoDbLocal];

/** Store calls per imported order, before and after, on each store (one at a time on the machine). */
export async function measureImportCalls(lines: number, command: string): Promise<ImportCallsResult> {
  const startedAt = new Date().toISOString();
  const rows: ImportCallsRow[] = [];
  for (const start of STORES) {
    const { store, documents, stop } = await start();
    try {
      rows.push(...(await measureImportCallsOn(store, documents, lines)));
    } finally {
      await stop();
    }
  }
  return { command, startedAt, lines, rows };
}

/** The rows as the terminal shows them. */
export function importCallsReport(result: ImportCallsResult): string {
  return textTable(IMPORT_CALLS_HEADER, result.rows.map(importCallsCells));
}
