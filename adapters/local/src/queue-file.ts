import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Message, StreamRecord } from "@skyport/core";
import Database from "better-sqlite3";

/** Where the local server keeps its queues' messages and its streams' records (SKYPORT_QUEUE_PATH). */
export const DEFAULT_QUEUE_PATH = ".data/queues.db";

/** Bumped with each change to the DDL below; kept in the file's `user_version`. */
const SCHEMA_VERSION = 1;

const DDL = `
-- A message waiting for one consumer (a function) of its topic, until it is handled or dead-lettered.
CREATE TABLE IF NOT EXISTS queue_messages (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  topic      TEXT    NOT NULL,
  consumer   TEXT    NOT NULL,
  id         TEXT    NOT NULL,
  body       TEXT    NOT NULL,
  attributes TEXT    NOT NULL,
  attempts   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_messages_by_consumer ON queue_messages (topic, consumer, seq);

-- A record put on a stream, until its batch is handled or dead-lettered; seq is its position.
CREATE TABLE IF NOT EXISTS stream_records (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  stream        TEXT    NOT NULL,
  partition_key TEXT    NOT NULL,
  data          TEXT    NOT NULL,
  attempts      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS stream_records_by_stream ON stream_records (stream, seq);
`;

/** A message kept for one consumer; `message.attempt` is the delivery it waits for (the deliveries begun, plus one). */
export interface QueuedMessage {
  seq: number;
  consumer: string;
  message: Message;
}

interface MessageRow {
  seq: number;
  id: string;
  body: string;
  attributes: string;
  attempts: number;
}

interface RecordRow {
  seq: number;
  partition_key: string;
  data: string;
  attempts: number;
}

// AUTOINCREMENT never reuses a deleted seq, so positions keep growing across restarts.
const positionOf = (seq: number | bigint) => String(seq).padStart(20, "0");

/** The local server's queues and streams in one SQLite file: what is in it when the process dies is delivered at the next start. */
export class QueueFile {
  private readonly statements;
  private readonly transactions;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      enqueue: db.prepare("INSERT INTO queue_messages (topic, consumer, id, body, attributes, attempts) VALUES (?, ?, ?, ?, ?, ?)"),
      waiting: db.prepare<[string, string], MessageRow>(
        "SELECT seq, id, body, attributes, attempts FROM queue_messages WHERE topic = ? AND consumer = ? ORDER BY seq",
      ),
      begin: db.prepare("UPDATE queue_messages SET attempts = ? WHERE seq = ?"),
      remove: db.prepare("DELETE FROM queue_messages WHERE seq = ?"),
      put: db.prepare("INSERT INTO stream_records (stream, partition_key, data, attempts) VALUES (?, ?, ?, 0)"),
      allMessages: db.prepare<[], MessageRow & { topic: string; consumer: string }>(
        "SELECT seq, topic, consumer, id, body, attributes, attempts FROM queue_messages ORDER BY seq",
      ),
      allRecords: db.prepare<[], RecordRow & { stream: string }>("SELECT seq, stream, partition_key, data, attempts FROM stream_records ORDER BY seq"),
      records: db.prepare<[string], RecordRow>("SELECT seq, partition_key, data, attempts FROM stream_records WHERE stream = ? ORDER BY seq"),
      beginRecord: db.prepare("UPDATE stream_records SET attempts = ? WHERE seq = ?"),
      removeRecord: db.prepare("DELETE FROM stream_records WHERE seq = ?"),
    };
    // Each transaction function is made once, not at every call.
    const { enqueue, put, beginRecord, removeRecord } = this.statements;
    this.transactions = {
      enqueue: db.transaction((topic: string, consumers: string[], message: Message): QueuedMessage[] =>
        consumers.map((consumer) => {
          const { id, body, attributes = {}, attempt } = message;
          const { lastInsertRowid } = enqueue.run(topic, consumer, id, body, JSON.stringify(attributes), attempt - 1);
          return { seq: Number(lastInsertRowid), consumer, message };
        }),
      ),
      put: db.transaction((stream: string, records: { partitionKey: string; data: string }[]): StreamRecord[] =>
        records.map(({ partitionKey, data }) => {
          const { lastInsertRowid } = put.run(stream, partitionKey, data);
          return { key: partitionKey, data, position: positionOf(lastInsertRowid), attempt: 1 };
        }),
      ),
      beginRecords: db.transaction((records: StreamRecord[]) => {
        for (const record of records) beginRecord.run(record.attempt, Number(record.position));
      }),
      removeRecords: db.transaction((records: StreamRecord[]) => {
        for (const record of records) removeRecord.run(Number(record.position));
      }),
    };
  }

  /** Keeps the message once for each consumer, in one transaction: committed when this returns. */
  enqueue(topic: string, consumers: string[], message: Message): QueuedMessage[] {
    return this.transactions.enqueue(topic, consumers, message);
  }

  /** What the file still holds for a consumer, oldest first. */
  waiting(topic: string, consumer: string): QueuedMessage[] {
    return this.statements.waiting.all(topic, consumer).map((row) => ({
      seq: row.seq,
      consumer,
      message: { id: row.id, body: row.body, attempt: row.attempts + 1, attributes: JSON.parse(row.attributes) as Record<string, string> },
    }));
  }

  /** Everything waiting, every topic's and stream's, oldest first: what the dashboard shows. */
  contents(): { messages: (QueuedMessage & { topic: string })[]; records: (StreamRecord & { stream: string })[] } {
    return {
      messages: this.statements.allMessages.all().map((row) => ({
        seq: row.seq,
        topic: row.topic,
        consumer: row.consumer,
        message: { id: row.id, body: row.body, attempt: row.attempts + 1, attributes: JSON.parse(row.attributes) as Record<string, string> },
      })),
      records: this.statements.allRecords
        .all()
        .map((row) => ({ stream: row.stream, key: row.partition_key, data: row.data, position: positionOf(row.seq), attempt: row.attempts + 1 })),
    };
  }

  /** Counts a delivery before the consumer runs: a kill during it spends the attempt, so a message that kills cannot loop forever. */
  begin({ seq, message }: QueuedMessage): void {
    this.statements.begin.run(message.attempt, seq);
  }

  remove(seq: number): void {
    this.statements.remove.run(seq);
  }

  /** Keeps the records in one transaction; they come back with their positions, for their first delivery. */
  put(stream: string, records: { partitionKey: string; data: string }[]): StreamRecord[] {
    return this.transactions.put(stream, records);
  }

  /** The records still on a stream, in order, each with the delivery it waits for. */
  records(stream: string): StreamRecord[] {
    return this.statements.records
      .all(stream)
      .map((row) => ({ key: row.partition_key, data: row.data, position: positionOf(row.seq), attempt: row.attempts + 1 }));
  }

  /** Counts the records' delivery before the consumer runs, as `begin` does for a message. */
  beginRecords(records: StreamRecord[]): void {
    this.transactions.beginRecords(records);
  }

  removeRecords(records: StreamRecord[]): void {
    this.transactions.removeRecords(records);
  }

  close(): void {
    this.db.close();
  }
}

/** Opens (or creates) the file in WAL mode; `:memory:` keeps nothing, for a queue that needs no durability (a bench). */
export function openQueueFile(path: string): QueueFile {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    // In WAL mode NORMAL survives a process crash; only a power loss can drop the last commits.
    db.pragma("synchronous = NORMAL");
    db.transaction(() => {
      const found = db.pragma("user_version", { simple: true }) as number;
      // A newer version's file is refused rather than guessed at.
      if (found > SCHEMA_VERSION) throw new Error(`${path}: queue file schema version ${found} is newer than the supported ${SCHEMA_VERSION}`);
      db.exec(DDL);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
    return new QueueFile(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
